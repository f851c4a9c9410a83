import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { AgentKpiPage, AgentKpis } from '../shared/api-types';
import { applyConsoleStyles } from '../shared/test-styles';
import { testSession, WithSession } from '../shared/test-session';
import { AgentTable } from './agent-table';

beforeAll(applyConsoleStyles);
afterEach(cleanup);

const ADA: AgentKpis = {
  agentId: 'a1',
  email: 'ada@x',
  name: 'Ada Lovelace',
  resolved: 64,
  fcr: 22,
  fcrRate: 0.34,
  firstResponses: 65,
  frtMeanSeconds: 6500,
  frtMedianSeconds: 6120,
  frtP90Seconds: 9000,
  resolutionMeanSeconds: 19_000,
  resolutionMedianSeconds: 18_960,
  resolutionP90Seconds: 40_000,
  frtBusinessMeanSeconds: 3000,
  frtBusinessMedianSeconds: 2700,
  frtBusinessP90Seconds: 5000,
  resolutionBusinessMeanSeconds: 9000,
  resolutionBusinessMedianSeconds: 8400,
  resolutionBusinessP90Seconds: 20_000,
  handledTickets: 64,
  handleSeconds: 26_880,
  ahtSeconds: 420,
  csatResponses: 30,
  csatSatisfied: 25,
  csatScore: 83,
  csatSurveysSent: 60,
  csatResponseRate: 0.5,
  reopens: 6,
  slaTargets: 120,
  slaMet: 102,
  slaCompliance: 0.85,
  slaFirstResponseCompliance: 0.9,
  slaResolutionCompliance: 0.8,
  calls: 9,
  contactsByChannel: {},
  billingActions: 4,
  billingAccuracy: 1,
};

const PAGE: AgentKpiPage = { from: '2026-11-12', to: '2026-11-25', timezone: 'UTC', agents: [ADA] };

function renderTable(page: AgentKpiPage) {
  render(
    <WithSession session={testSession({ get: vi.fn(() => Promise.resolve(page)) })}>
      <AgentTable from="2026-11-12" to="2026-11-25" />
    </WithSession>,
  );
}

describe('<AgentTable>', () => {
  it('shows the reopen rate the target judges next to the count of reopens', async () => {
    renderTable({
      ...PAGE,
      agents: [{ ...ADA, resolved: 30, reopens: 10 }],
      targets: { a1: { reopenRate: { target: 0.05, direction: 'at_most', met: false } } },
    });
    const cell = (await screen.findByRole('table')).querySelector('[data-kpi="reopens"]')!;
    expect(cell.textContent).toMatch(/^10 · 33\.3 % ✗/);
    expect(cell.textContent).toContain('misses the target of at most 5 %');
  });

  it('shows the business-hours medians beside the calendar ones, each under its own header', async () => {
    renderTable(PAGE);
    const table = await screen.findByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual(
      expect.arrayContaining([
        'Median first response',
        'Median first response (business hours)',
        'Median resolution (business hours)',
      ]),
    );
    const figure = (kpi: string) => table.querySelector(`[data-kpi="${kpi}"]`)!.textContent?.trim();
    expect(figure('frtMedianSeconds')).toBe('1 h 42 min');
    expect(figure('frtBusinessMedianSeconds')).toBe('45 min');
    expect(figure('resolutionBusinessMedianSeconds')).toBe('2 h 20 min');
  });

  it('shows the count alone when nothing was resolved (no rate to judge)', async () => {
    renderTable({ ...PAGE, agents: [{ ...ADA, resolved: 0, reopens: 2 }] });
    const cell = (await screen.findByRole('table')).querySelector('[data-kpi="reopens"]')!;
    expect(cell.textContent?.trim()).toBe('2');
  });

  it('wraps long KPI names in the header so the columns fit, and keeps figures on one line', async () => {
    const get = vi.fn(() => Promise.resolve(PAGE));
    render(
      <WithSession session={testSession({ get })}>
        <AgentTable from="2026-11-12" to="2026-11-25" />
      </WithSession>,
    );
    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toContain('Billing accuracy');
    for (const header of headers) expect(getComputedStyle(header).whiteSpace).toBe('normal');
    const row = within(table).getByRole('row', { name: /Ada Lovelace/ });
    for (const cell of within(row).getAllByRole('cell'))
      expect(getComputedStyle(cell).whiteSpace).toBe('nowrap');
    // Narrower windows still scroll (with a shadow at the edge as the cue, which jsdom cannot show).
    expect(getComputedStyle(table.parentElement!).overflowX).toBe('auto');
  });

  it("shows the API's refusal of a new period, naming the field, and not the previous figures", async () => {
    const refusal = new ApiError(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'A period is at most 1098 days',
      details: [{ field: 'to', problems: ['a period is at most 1098 days'] }],
    });
    const get = vi.fn((_path: string, query: { from: string }) =>
      query.from === '2026-11-25' ? Promise.resolve(PAGE) : Promise.reject(refusal),
    );
    const { rerender } = render(
      <WithSession session={testSession({ get })}>
        <AgentTable from="2026-11-25" to="2026-11-25" />
      </WithSession>,
    );
    await screen.findByRole('table');
    rerender(
      <WithSession session={testSession({ get })}>
        <AgentTable from="2023-01-01" to="2026-11-25" />
      </WithSession>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('to: a period is at most 1098 days');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText('Ada Lovelace')).toBeNull();
  });

  it("does not show the previous period's figures while the new period loads", async () => {
    let answer: (page: AgentKpiPage) => void = () => undefined;
    const get = vi.fn((_path: string, query: { from: string }) =>
      query.from === '2026-11-25'
        ? Promise.resolve(PAGE)
        : new Promise<AgentKpiPage>((resolve) => (answer = resolve)),
    );
    const { rerender } = render(
      <WithSession session={testSession({ get })}>
        <AgentTable from="2026-11-25" to="2026-11-25" />
      </WithSession>,
    );
    await screen.findByRole('table');
    rerender(
      <WithSession session={testSession({ get })}>
        <AgentTable from="2026-11-01" to="2026-11-25" />
      </WithSession>,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Loading agent KPIs');
    answer({ ...PAGE, from: '2026-11-01' });
    await screen.findByRole('table');
  });
});
