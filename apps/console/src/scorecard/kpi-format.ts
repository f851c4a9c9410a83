import type { KpiFigures } from '../shared/api-types';
import { duration } from '../shared/format';

/** The KPIs the scorecards show, how to format each, and which direction is good. */
export interface KpiDefinition {
  key: keyof KpiFigures;
  label: string;
  format: (value: number | null) => string;
  /** True when a higher value is better (for the trend arrow). */
  higherIsBetter: boolean;
}

export const percent = (value: number | null): string =>
  value === null ? '—' : `${Math.round(value * 100)} %`;
export const score = (value: number | null): string => (value === null ? '—' : `${Math.round(value)}`);
export const count = (value: number | null): string => (value === null ? '—' : value.toLocaleString('en-GB'));

export const KPIS: readonly KpiDefinition[] = [
  { key: 'resolved', label: 'Resolved', format: count, higherIsBetter: true },
  { key: 'firstResponses', label: 'First responses', format: count, higherIsBetter: true },
  { key: 'frtMedianSeconds', label: 'Median first response', format: duration, higherIsBetter: false },
  { key: 'resolutionMedianSeconds', label: 'Median resolution', format: duration, higherIsBetter: false },
  {
    key: 'frtBusinessMedianSeconds',
    label: 'Median first response (business hours)',
    format: duration,
    higherIsBetter: false,
  },
  {
    key: 'resolutionBusinessMedianSeconds',
    label: 'Median resolution (business hours)',
    format: duration,
    higherIsBetter: false,
  },
  { key: 'fcrRate', label: 'First-contact resolution', format: percent, higherIsBetter: true },
  { key: 'slaCompliance', label: 'SLA compliance', format: percent, higherIsBetter: true },
  { key: 'ahtSeconds', label: 'Average handle time', format: duration, higherIsBetter: false },
  { key: 'csatScore', label: 'CSAT', format: score, higherIsBetter: true },
  { key: 'reopens', label: 'Reopens', format: count, higherIsBetter: false },
  { key: 'calls', label: 'Calls', format: count, higherIsBetter: true },
];

export function kpiValue(figures: KpiFigures | undefined, key: keyof KpiFigures): number | null {
  const value = figures?.[key];
  return typeof value === 'number' ? value : null;
}

/** Reopens / resolved tickets, as the reopen-rate target judges them; null without resolved tickets. */
export const reopenRate = (figures: KpiFigures | undefined): number | null =>
  figures && figures.resolved > 0 ? figures.reopens / figures.resolved : null;

/**
 * A KPI's figure in a scorecard cell. Reopens are judged by their rate, so the rate stands next to
 * the count ("10 · 31.3 %"); a count next to a percentage target reads like an error.
 */
export function shownFigure<F extends KpiFigures>(
  figures: F | undefined,
  key: keyof F,
  format: (value: number | null) => string,
): string {
  const value = figures?.[key];
  const shown = format(typeof value === 'number' ? value : null);
  const rate = key === 'reopens' ? reopenRate(figures) : null;
  if (rate === null) return shown;
  return `${shown} · ${(rate * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })} %`;
}

/** The series of one KPI over days; null days (no denominator) stay gaps. */
export const series = (days: KpiFigures[], key: keyof KpiFigures): (number | null)[] =>
  days.map((day) => kpiValue(day, key));

/**
 * Points of an SVG polyline for a sparkline of `values` in a width × height box; gaps split the
 * line into segments. A flat series sits in the middle.
 */
export function sparklineSegments(values: (number | null)[], width: number, height: number): string[] {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return [];
  const min = Math.min(...present);
  const max = Math.max(...present);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (value: number) => (max === min ? height / 2 : height - ((value - min) / (max - min)) * height);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${(index * step).toFixed(1)},${y(value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}
