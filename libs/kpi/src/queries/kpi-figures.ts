import { KpiFigures } from '@ledgerdesk/contracts';

/** Raw per-group sums from the daily tables and the contributions, before rates are derived. */
export interface KpiSums {
  counts: Map<string, number>;
  amounts: Map<string, number>;
  frtMedian: number | null;
  frtP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  handledTickets: number;
}

export const emptySums = (): KpiSums => ({
  counts: new Map(),
  amounts: new Map(),
  frtMedian: null,
  frtP90: null,
  resolutionMedian: null,
  resolutionP90: null,
  handledTickets: 0,
});

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** Rates as fractions 0–1 (CSAT score 0–100); null when the denominator is 0. */
export function toFigures(sums: KpiSums): KpiFigures {
  const count = (kind: string): number => sums.counts.get(kind) ?? 0;
  const amount = (kind: string): number => sums.amounts.get(kind) ?? 0;
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
    frtMeanSeconds: ratio(amount('first_response'), count('first_response')),
    frtMedianSeconds: sums.frtMedian,
    frtP90Seconds: sums.frtP90,
    resolutionMeanSeconds: ratio(amount('resolution'), count('resolution')),
    resolutionMedianSeconds: sums.resolutionMedian,
    resolutionP90Seconds: sums.resolutionP90,
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
