import { AgentKpis } from '../queries/kpi.queries';

export type TargetDirection = 'at_least' | 'at_most';

export interface KpiTargetDefinition {
  direction: TargetDirection;
  min: number;
  max: number;
  /** A duration in seconds: targets are whole seconds, as the figures are (rates stay fractional). */
  wholeSeconds?: true;
  /** The agent's figure the target is compared with. */
  figure: (agent: AgentKpis) => number | null;
}

const DAY = 86_400;
const field =
  (name: keyof AgentKpis) =>
  (agent: AgentKpis): number | null =>
    agent[name] as number | null;

const fraction = (direction: TargetDirection, name: keyof AgentKpis): KpiTargetDefinition => ({
  direction,
  min: 0,
  max: 1,
  figure: field(name),
});
const seconds = (name: keyof AgentKpis, max: number): KpiTargetDefinition => ({
  direction: 'at_most',
  min: 1,
  max,
  wholeSeconds: true,
  figure: field(name),
});

/** The KPIs a target can be set for, named as in `GET /api/kpis/agents`, with sane ranges. */
export const KPI_TARGET_DEFINITIONS = {
  fcrRate: fraction('at_least', 'fcrRate'),
  csatScore: { direction: 'at_least', min: 0, max: 100, figure: field('csatScore') },
  csatResponseRate: fraction('at_least', 'csatResponseRate'),
  billingAccuracy: fraction('at_least', 'billingAccuracy'),
  slaCompliance: fraction('at_least', 'slaCompliance'),
  frtMeanSeconds: seconds('frtMeanSeconds', 30 * DAY),
  frtMedianSeconds: seconds('frtMedianSeconds', 30 * DAY),
  frtP90Seconds: seconds('frtP90Seconds', 30 * DAY),
  resolutionMeanSeconds: seconds('resolutionMeanSeconds', 365 * DAY),
  resolutionMedianSeconds: seconds('resolutionMedianSeconds', 365 * DAY),
  resolutionP90Seconds: seconds('resolutionP90Seconds', 365 * DAY),
  frtBusinessMeanSeconds: seconds('frtBusinessMeanSeconds', 30 * DAY),
  frtBusinessMedianSeconds: seconds('frtBusinessMedianSeconds', 30 * DAY),
  frtBusinessP90Seconds: seconds('frtBusinessP90Seconds', 30 * DAY),
  resolutionBusinessMeanSeconds: seconds('resolutionBusinessMeanSeconds', 365 * DAY),
  resolutionBusinessMedianSeconds: seconds('resolutionBusinessMedianSeconds', 365 * DAY),
  resolutionBusinessP90Seconds: seconds('resolutionBusinessP90Seconds', 365 * DAY),
  ahtSeconds: seconds('ahtSeconds', DAY),
  /** Reopens / resolved tickets in the period (both as the KPI API counts them). */
  reopenRate: {
    direction: 'at_most',
    min: 0,
    max: 1,
    figure: (agent) => (agent.resolved === 0 ? null : agent.reopens / agent.resolved),
  },
} satisfies Record<string, KpiTargetDefinition>;

export type TargetKpi = keyof typeof KPI_TARGET_DEFINITIONS;
export const TARGET_KPIS = Object.keys(KPI_TARGET_DEFINITIONS) as TargetKpi[];

export const isTargetKpi = (name: string): name is TargetKpi => Object.hasOwn(KPI_TARGET_DEFINITIONS, name);

/** Whether a figure meets its target; null when there is no figure (no data in the period). */
export function meetsTarget(
  direction: TargetDirection,
  target: number,
  value: number | null,
): boolean | null {
  if (value === null) return null;
  return direction === 'at_least' ? value >= target : value <= target;
}

/** Of several targets (an agent in several teams with overrides), the strictest. */
export function strictest(direction: TargetDirection, targets: number[]): number {
  return direction === 'at_least' ? Math.max(...targets) : Math.min(...targets);
}
