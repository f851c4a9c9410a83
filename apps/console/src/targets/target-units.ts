import type { KpiTargetDefinition, TargetDirection, TargetKpi } from '../shared/api-types';

/**
 * How a KPI target is shown and entered: fractions as percent, durations in minutes, CSAT as its
 * 0–100 score. The API stores fractions and seconds.
 */
export interface TargetUnit {
  suffix: string;
  /** What the agent enters, for "Enter a percentage from 0 to 100". */
  noun: string;
  toDisplay: (value: number) => number;
  fromDisplay: (value: number) => number;
  step: number;
}

const PERCENT: TargetUnit = {
  suffix: '%',
  noun: 'a percentage',
  toDisplay: (value) => round(value * 100),
  fromDisplay: (value) => round(value / 100, 6),
  step: 0.1,
};
const MINUTES: TargetUnit = {
  suffix: 'min',
  noun: 'a number of minutes',
  toDisplay: (value) => round(value / 60),
  fromDisplay: (value) => Math.round(value * 60),
  step: 0.5,
};
const SCORE: TargetUnit = {
  suffix: 'of 100',
  noun: 'a score',
  toDisplay: (value) => value,
  fromDisplay: (value) => value,
  step: 1,
};

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function targetUnit(kpi: TargetKpi): TargetUnit {
  if (kpi === 'csatScore') return SCORE;
  return kpi.endsWith('Seconds') ? MINUTES : PERCENT;
}

/**
 * A target as typed in the field's unit, as the value the API stores; or, when it is not a number
 * within the KPI's range, what to enter instead, in that unit ("Enter a percentage from 0 to 100").
 */
export function parseTarget(
  text: string,
  definition: KpiTargetDefinition,
): { value: number; error?: undefined } | { error: string } {
  const unit = targetUnit(definition.kpi);
  const typed = Number(text.replace(',', '.'));
  const value = unit.fromDisplay(typed);
  if (text.trim() === '' || !Number.isFinite(typed) || value < definition.min || value > definition.max) {
    const range = `from ${unit.toDisplay(definition.min)} to ${unit.toDisplay(definition.max)}`;
    return { error: `Enter ${unit.noun} ${range}` };
  }
  return { value };
}

export const TARGET_LABELS: Record<TargetKpi, string> = {
  fcrRate: 'First-contact resolution',
  csatScore: 'CSAT',
  csatResponseRate: 'CSAT response rate',
  billingAccuracy: 'Billing accuracy',
  slaCompliance: 'SLA compliance (targets met)',
  frtMeanSeconds: 'Mean first response',
  frtMedianSeconds: 'Median first response',
  frtP90Seconds: 'First response, 90th percentile',
  resolutionMeanSeconds: 'Mean resolution',
  resolutionMedianSeconds: 'Median resolution',
  resolutionP90Seconds: 'Resolution, 90th percentile',
  frtBusinessMeanSeconds: 'Mean first response (business hours)',
  frtBusinessMedianSeconds: 'Median first response (business hours)',
  frtBusinessP90Seconds: 'First response, 90th percentile (business hours)',
  resolutionBusinessMeanSeconds: 'Mean resolution (business hours)',
  resolutionBusinessMedianSeconds: 'Median resolution (business hours)',
  resolutionBusinessP90Seconds: 'Resolution, 90th percentile (business hours)',
  ahtSeconds: 'Average handle time',
  reopenRate: 'Reopen rate (reopens / resolved)',
};

export const directionSign = (direction: TargetDirection): string => (direction === 'at_least' ? '≥' : '≤');
export const directionWords = (direction: TargetDirection): string =>
  direction === 'at_least' ? 'at least' : 'at most';

/** "≥ 70 %", "≤ 10 min", "≤ 24 h" (whole hours), "≥ 85 of 100". */
export function formatTarget(kpi: TargetKpi, direction: TargetDirection, value: number): string {
  const unit = targetUnit(kpi);
  const shown =
    unit === MINUTES && value >= 3600 && value % 3600 === 0
      ? `${(value / 3600).toLocaleString('en-GB')} h`
      : `${unit.toDisplay(value).toLocaleString('en-GB')} ${unit.suffix}`;
  return `${directionSign(direction)} ${shown}`;
}
