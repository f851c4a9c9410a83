import { CHANNELS } from '@ledgerdesk/contracts';
import { parse } from 'csv-parse/sync';
import { agentKpisCsv } from './agent-kpis-csv';
import { AgentKpis } from './kpi.queries';

const ada: AgentKpis = {
  agentId: '5d0c2c1e-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada, Lovelace',
  resolved: 32,
  fcr: 11,
  fcrRate: 0.34375,
  firstResponses: 30,
  frtMeanSeconds: 7986.953846153846,
  frtMedianSeconds: 1200.5,
  frtP90Seconds: null,
  resolutionMeanSeconds: 86_400,
  resolutionMedianSeconds: 43_199.4,
  resolutionP90Seconds: 90_000,
  frtBusinessMeanSeconds: 1800.5,
  frtBusinessMedianSeconds: 900.25,
  frtBusinessP90Seconds: null,
  resolutionBusinessMeanSeconds: 28_800,
  resolutionBusinessMedianSeconds: 14_399.6,
  resolutionBusinessP90Seconds: 30_000,
  handledTickets: 3,
  handleSeconds: 2000,
  ahtSeconds: 666.6666666666666,
  csatResponses: 3,
  csatSatisfied: 2,
  csatScore: 66.66666666666667,
  csatSurveysSent: 9,
  csatResponseRate: 0.3333333333333333,
  reopens: 1,
  slaTargets: 40,
  slaMet: 30,
  slaCompliance: 0.75,
  slaFirstResponseCompliance: 0.8,
  slaResolutionCompliance: 0.6666666666666666,
  calls: 4,
  contactsByChannel: { email: 20, phone: 4 },
  billingActions: 7,
  billingAccuracy: 0.8571428571428571,
};

describe('agentKpisCsv', () => {
  it('rounds durations to seconds, rates to 4 decimals and the CSAT score to 1 for a spreadsheet', () => {
    const [header, row]: string[][] = parse(agentKpisCsv([ada]));
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('frtMeanSeconds')).toBe('7987');
    expect(cell('frtMedianSeconds')).toBe('1201');
    expect(cell('resolutionMedianSeconds')).toBe('43199');
    expect(cell('frtBusinessMeanSeconds')).toBe('1801');
    expect(cell('resolutionBusinessMedianSeconds')).toBe('14400');
    expect(cell('ahtSeconds')).toBe('667');
    expect(cell('fcrRate')).toBe('0.3438');
    expect(cell('csatResponseRate')).toBe('0.3333');
    expect(cell('billingAccuracy')).toBe('0.8571');
    expect(cell('slaResolutionCompliance')).toBe('0.6667');
    expect(cell('slaMet')).toBe('30');
    expect(cell('csatScore')).toBe('66.7');
  });

  it('leaves counts exact, a missing figure empty, quotes text, and puts contacts per channel last', () => {
    const [header, row]: string[][] = parse(agentKpisCsv([ada]));
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('resolved')).toBe('32');
    expect(cell('frtP90Seconds')).toBe('');
    expect(cell('name')).toBe('Ada, Lovelace');
    expect(header.slice(-5)).toEqual([
      'contacts_email',
      'contacts_chat',
      'contacts_phone',
      'contacts_web',
      'contacts_api',
    ]);
    expect(row.slice(-5)).toEqual(['20', '0', '4', '0', '0']);
  });

  it('writes one column per channel whatever the period had, so periodic exports can be appended', () => {
    const [withContacts]: string[][] = parse(agentKpisCsv([ada]));
    const [without]: string[][] = parse(agentKpisCsv([{ ...ada, contactsByChannel: {} }]));
    const [none]: string[][] = parse(agentKpisCsv([]));
    expect(without).toEqual(withContacts);
    expect(none).toEqual(withContacts);
    expect(withContacts.filter((column) => column.startsWith('contacts_'))).toEqual(
      CHANNELS.map((channel) => `contacts_${channel}`),
    );
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])(
    'escapes a text cell starting with %j so a spreadsheet does not run it as a formula',
    (start) => {
      const name = `${start}HYPERLINK("http://evil.example","x")`;
      const [header, row]: string[][] = parse(
        agentKpisCsv([{ ...ada, name, email: `${start}1+2@example.com` }]),
      );
      expect(row[header.indexOf('name')]).toBe(`'${name}`);
      expect(row[header.indexOf('email')]).toBe(`'${start}1+2@example.com`);
    },
  );

  it('leaves numbers and text that starts harmlessly as they are', () => {
    const [header, row]: string[][] = parse(agentKpisCsv([{ ...ada, name: "O'Brien = 1", resolved: 0 }]));
    expect(row[header.indexOf('name')]).toBe("O'Brien = 1");
    expect(row[header.indexOf('resolved')]).toBe('0');
    expect(row[header.indexOf('fcrRate')]).toBe('0.3438');
  });
});
