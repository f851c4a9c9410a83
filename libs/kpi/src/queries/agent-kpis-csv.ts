import { CHANNELS } from '@ledgerdesk/contracts';
import { spreadsheetSafe } from '@ledgerdesk/shared';
import { stringify } from 'csv-stringify/sync';
import { AgentKpis } from './kpi.queries';

const COLUMNS: (keyof AgentKpis)[] = [
  'agentId',
  'email',
  'name',
  'resolved',
  'fcr',
  'fcrRate',
  'firstResponses',
  'frtMeanSeconds',
  'frtMedianSeconds',
  'frtP90Seconds',
  'resolutionMeanSeconds',
  'resolutionMedianSeconds',
  'resolutionP90Seconds',
  'frtBusinessMeanSeconds',
  'frtBusinessMedianSeconds',
  'frtBusinessP90Seconds',
  'resolutionBusinessMeanSeconds',
  'resolutionBusinessMedianSeconds',
  'resolutionBusinessP90Seconds',
  'handledTickets',
  'handleSeconds',
  'ahtSeconds',
  'csatResponses',
  'csatSatisfied',
  'csatScore',
  'csatSurveysSent',
  'csatResponseRate',
  'reopens',
  'slaTargets',
  'slaMet',
  'slaCompliance',
  'slaFirstResponseCompliance',
  'slaResolutionCompliance',
  'calls',
  'billingActions',
  'billingAccuracy',
];

/** Rounded for a spreadsheet; the JSON answer keeps the exact figures. */
const DECIMALS: Partial<Record<keyof AgentKpis, number>> = {
  frtMeanSeconds: 0,
  frtMedianSeconds: 0,
  frtP90Seconds: 0,
  resolutionMeanSeconds: 0,
  resolutionMedianSeconds: 0,
  resolutionP90Seconds: 0,
  frtBusinessMeanSeconds: 0,
  frtBusinessMedianSeconds: 0,
  frtBusinessP90Seconds: 0,
  resolutionBusinessMeanSeconds: 0,
  resolutionBusinessMedianSeconds: 0,
  resolutionBusinessP90Seconds: 0,
  ahtSeconds: 0,
  fcrRate: 4,
  csatResponseRate: 4,
  slaCompliance: 4,
  slaFirstResponseCompliance: 4,
  slaResolutionCompliance: 4,
  billingAccuracy: 4,
  csatScore: 1,
};

function cell(row: AgentKpis, column: keyof AgentKpis): unknown {
  const value = row[column];
  if (typeof value === 'string') return spreadsheetSafe(value);
  const decimals = DECIMALS[column];
  if (typeof value !== 'number' || decimals === undefined) return value ?? '';
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * The agent table as CSV (`Accept: text/csv`): one row per agent, then contacts for every channel
 * (in `CHANNELS` order, 0 when none), so the columns are the same for any period and periodic
 * exports can be appended.
 */
export function agentKpisCsv(agents: AgentKpis[]): string {
  return stringify([
    [...COLUMNS, ...CHANNELS.map((channel) => `contacts_${channel}`)],
    ...agents.map((row) => [
      ...COLUMNS.map((column) => cell(row, column)),
      ...CHANNELS.map((channel) => row.contactsByChannel[channel] ?? 0),
    ]),
  ]);
}
