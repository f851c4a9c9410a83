/** A KPI row's figures (README "KPI definitions"): rates as fractions 0–1, CSAT score 0–100, null when the denominator is 0. */
export interface KpiFigures {
  resolved: number;
  fcr: number;
  fcrRate: number | null;
  firstResponses: number;
  frtMeanSeconds: number | null;
  frtMedianSeconds: number | null;
  frtP90Seconds: number | null;
  resolutionMeanSeconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
  /** The same intervals measured on the desk's business hours (README "KPI definitions"). */
  frtBusinessMeanSeconds: number | null;
  frtBusinessMedianSeconds: number | null;
  frtBusinessP90Seconds: number | null;
  resolutionBusinessMeanSeconds: number | null;
  resolutionBusinessMedianSeconds: number | null;
  resolutionBusinessP90Seconds: number | null;
  handledTickets: number;
  handleSeconds: number;
  ahtSeconds: number | null;
  csatResponses: number;
  csatSatisfied: number;
  csatScore: number | null;
  csatSurveysSent: number;
  csatResponseRate: number | null;
  reopens: number;
  /** SLA targets achieved in the period (first responses and resolutions with a due time) and how many by their due time. */
  slaTargets: number;
  slaMet: number;
  /** slaMet / slaTargets */
  slaCompliance: number | null;
  slaFirstResponseCompliance: number | null;
  slaResolutionCompliance: number | null;
  calls: number;
  contactsByChannel: Record<string, number>;
}
