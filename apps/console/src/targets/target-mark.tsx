import { TARGET_KPIS, type AgentKpiTarget, type TargetKpi } from '../shared/api-types';
import { directionWords, formatTarget, TARGET_LABELS, targetUnit } from './target-units';

/**
 * Whether a KPI figure meets its target, in words and symbol as well as colour: "✓ ≥ 70 %" (met),
 * "✗ ≤ 10 min" (missed), or the target alone, muted, when the period has no figure.
 */
export function TargetMark({
  kpi,
  target,
  onlyWithFigure = false,
}: {
  kpi: TargetKpi;
  target: AgentKpiTarget | undefined;
  /** Leave out targets the period has no figure for (dense tables). */
  onlyWithFigure?: boolean;
}) {
  if (!target || (onlyWithFigure && target.met === null)) return null;
  const shown = formatTarget(kpi, target.direction, target.target);
  const unit = targetUnit(kpi);
  const spoken = `${directionWords(target.direction)} ${unit.toDisplay(target.target)} ${unit.suffix}`;
  const state = target.met === null ? 'none' : target.met ? 'met' : 'missed';
  const title = `${TARGET_LABELS[kpi]} target: ${spoken}`;
  return (
    <span className={`target target-${state}`} title={title} data-target={state}>
      {state === 'met' && <span aria-hidden="true">✓ </span>}
      {state === 'missed' && <span aria-hidden="true">✗ </span>}
      <span className="visually-hidden">
        {state === 'met' ? 'meets the target of ' : state === 'missed' ? 'misses the target of ' : 'target '}
        {spoken}
      </span>
      <span aria-hidden="true">{shown}</span>
    </span>
  );
}

/** The target KPI a scorecard column is judged by (reopens by the reopen rate). */
export function targetKpiOf(column: string): TargetKpi | null {
  if (column === 'reopens') return 'reopenRate';
  return (TARGET_KPIS as readonly string[]).includes(column) ? (column as TargetKpi) : null;
}
