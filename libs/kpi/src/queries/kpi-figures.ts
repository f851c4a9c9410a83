import { KpiFigures } from '@ledgerdesk/contracts';

/** The contribution kinds whose amounts are durations with a median and a p90. */
export const DURATION_KINDS = [
  'first_response',
  'resolution',
  'first_response_business',
  'resolution_business',
] as const;
export type DurationKind = (typeof DURATION_KINDS)[number];

/** Raw per-group sums from the daily tables and the contributions, before rates are derived. */
export interface KpiSums {
  counts: Map<string, number>;
  amounts: Map<string, number>;
  /** Median and p90 of each duration kind (absent: no contribution in the period). */
  percentiles: Map<DurationKind, { median: number; p90: number }>;
  handledTickets: number;
}

export const emptySums = (): KpiSums => ({
  counts: new Map(),
  amounts: new Map(),
  percentiles: new Map(),
  handledTickets: 0,
});

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** Rates as fractions 0–1 (CSAT score 0–100); null when the denominator is 0. */
export function toFigures(sums: KpiSums): KpiFigures {
  const count = (kind: string): number => sums.counts.get(kind) ?? 0;
  const amount = (kind: string): number => sums.amounts.get(kind) ?? 0;
  const mean = (kind: DurationKind): number | null => ratio(amount(kind), count(kind));
  const median = (kind: DurationKind): number | null => sums.percentiles.get(kind)?.median ?? null;
  const p90 = (kind: DurationKind): number | null => sums.percentiles.get(kind)?.p90 ?? null;
  const contactsByChannel: Record<string, number> = {};
  for (const [key, value] of sums.counts) {
    if (key.startsWith('contact|')) contactsByChannel[key.slice('contact|'.length)] = value;
  }
  const csatResponses = count('csat');
  const csatSatisfied = count('csat_satisfied');
  const handleSeconds = amount('handle');
  const slaTargets = count('sla_first_response') + count('sla_resolution');
  const slaMet = amount('sla_first_response') + amount('sla_resolution');
  return {
    resolved: count('resolution'),
    fcr: count('fcr'),
    fcrRate: ratio(count('fcr'), count('resolution')),
    firstResponses: count('first_response'),
    frtMeanSeconds: mean('first_response'),
    frtMedianSeconds: median('first_response'),
    frtP90Seconds: p90('first_response'),
    resolutionMeanSeconds: mean('resolution'),
    resolutionMedianSeconds: median('resolution'),
    resolutionP90Seconds: p90('resolution'),
    frtBusinessMeanSeconds: mean('first_response_business'),
    frtBusinessMedianSeconds: median('first_response_business'),
    frtBusinessP90Seconds: p90('first_response_business'),
    resolutionBusinessMeanSeconds: mean('resolution_business'),
    resolutionBusinessMedianSeconds: median('resolution_business'),
    resolutionBusinessP90Seconds: p90('resolution_business'),
    handledTickets: sums.handledTickets,
    handleSeconds,
    ahtSeconds: ratio(handleSeconds, sums.handledTickets),
    csatResponses,
    csatSatisfied,
    csatScore: csatResponses === 0 ? null : (csatSatisfied / csatResponses) * 100,
    csatSurveysSent: count('csat_sent'),
    csatResponseRate: ratio(csatResponses, count('csat_sent')),
    reopens: count('reopen'),
    slaTargets,
    slaMet,
    slaCompliance: ratio(slaMet, slaTargets),
    slaFirstResponseCompliance: ratio(amount('sla_first_response'), count('sla_first_response')),
    slaResolutionCompliance: ratio(amount('sla_resolution'), count('sla_resolution')),
    calls: count('call'),
    contactsByChannel,
  };
}
