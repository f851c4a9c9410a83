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
  'handledTickets',
  'handleSeconds',
  'ahtSeconds',
  'csatResponses',
  'csatSatisfied',
  'csatScore',
  'csatSurveysSent',
  'csatResponseRate',
  'reopens',
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
  ahtSeconds: 0,
  fcrRate: 4,
  csatResponseRate: 4,
  billingAccuracy: 4,
  csatScore: 1,
};

function cell(row: AgentKpis, column: keyof AgentKpis): unknown {
  const value = row[column];
  const decimals = DECIMALS[column];
  if (typeof value !== 'number' || decimals === undefined) return value ?? '';
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The agent table as CSV (`Accept: text/csv`): one row per agent, contacts per channel last. */
export function agentKpisCsv(agents: AgentKpis[]): string {
  const channels = [...new Set(agents.flatMap((row) => Object.keys(row.contactsByChannel)))].sort();
  return stringify([
    [...COLUMNS, ...channels.map((channel) => `contacts_${channel}`)],
    ...agents.map((row) => [
      ...COLUMNS.map((column) => cell(row, column)),
      ...channels.map((channel) => row.contactsByChannel[channel] ?? 0),
    ]),
  ]);
}
