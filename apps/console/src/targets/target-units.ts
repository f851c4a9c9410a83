import type { TargetDirection, TargetKpi } from '../shared/api-types';

/**
 * How a KPI target is shown and entered: fractions as percent, durations in minutes, CSAT as its
 * 0–100 score. The API stores fractions and seconds.
 */
export interface TargetUnit {
  suffix: string;
  toDisplay: (value: number) => number;
  fromDisplay: (value: number) => number;
  step: number;
}

const PERCENT: TargetUnit = {
  suffix: '%',
  toDisplay: (value) => round(value * 100),
  fromDisplay: (value) => round(value / 100, 6),
  step: 0.1,
};
const MINUTES: TargetUnit = {
  suffix: 'min',
  toDisplay: (value) => round(value / 60),
  fromDisplay: (value) => Math.round(value * 60),
  step: 0.5,
};
const SCORE: TargetUnit = {
  suffix: 'of 100',
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

export const TARGET_LABELS: Record<TargetKpi, string> = {
  fcrRate: 'First-contact resolution',
  csatScore: 'CSAT',
  csatResponseRate: 'CSAT response rate',
  billingAccuracy: 'Billing accuracy',
  frtMeanSeconds: 'Mean first response',
  frtMedianSeconds: 'Median first response',
  frtP90Seconds: 'First response, 90th percentile',
  resolutionMeanSeconds: 'Mean resolution',
  resolutionMedianSeconds: 'Median resolution',
  resolutionP90Seconds: 'Resolution, 90th percentile',
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
