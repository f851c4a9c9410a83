import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, WithSession } from '../shared/test-session';
import {
  fcrVerdict,
  PENDING_RETRIES,
  PENDING_RETRY_MS,
  TicketKpis,
  type TicketKpiFacts,
} from './ticket-kpis';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const AGENTS = [{ id: 'ada', name: 'Ada Lovelace', email: 'ada@x', role: 'agent', teams: [] }];
const facts = (overrides: Partial<TicketKpiFacts> = {}): TicketKpiFacts => ({
  firstResponseSeconds: 3000,
  firstResponseBusinessSeconds: 3000,
  firstResponseAgentId: 'ada',
  firstResponseEventId: '11',
  resolvedAt: '2026-11-25T10:00:00Z',
  resolutionSeconds: 38400,
  resolutionBusinessSeconds: 38400,
  resolutionAgentId: 'ada',
  resolutionEventId: '14',
  contactsBeforeResolution: 1,
  reopens: 0,
  fcr: true,
  fcrBrokenByTicketId: null,
  fcrBrokenByTicketNumber: null,
  handleSeconds: 2460,
  csatRating: 5,
  csatAgentId: 'ada',
  csatEventId: '19',
  csatSurveys: 1,
  ...overrides,
});

function renderPanel(kpis: (path: string) => Promise<unknown>) {
  const get = vi.fn((path: string) => (path === '/api/agents' ? Promise.resolve(AGENTS) : kpis(path)));
  render(
    <MemoryRouter>
      <WithSession session={testSession({ get })}>
        <TicketKpis ticketId="t1" version="v1" />
      </WithSession>
    </MemoryRouter>,
  );
  return get;
}

describe('fcrVerdict', () => {
  it('gives the first condition of the definition that fails', () => {
    expect(fcrVerdict(facts()).fcr).toBe(true);
    expect(fcrVerdict(facts({ resolvedAt: null, fcr: false })).why).toBe('not resolved');
    expect(fcrVerdict(facts({ fcr: false, reopens: 2 })).why).toBe('reopened 2 times');
    expect(fcrVerdict(facts({ fcr: false, contactsBeforeResolution: 3 })).why).toBe(
      '3 agent contacts before the resolution',
    );
  });
});

describe('<TicketKpis>', () => {
  it('shows each figure with who it is credited to and the event it came from', async () => {
    const get = renderPanel(() => Promise.resolve({ pending: false, facts: facts() }));
    const panel = await screen.findByRole('region', { name: 'This ticket’s KPIs' });
    const firstResponse = await within(panel).findByText(/50 min by Ada Lovelace/);
    // The desk was open all along: no separate business-hours figure.
    expect(firstResponse.textContent).not.toContain('business hours');
    expect(firstResponse.closest('dd')?.querySelector('a')?.getAttribute('href')).toBe('#event-11');
    expect(within(panel).getByText(/10 h 40 min by Ada Lovelace/)).toBeTruthy();
    expect(panel.querySelector('[data-kpi="fcr"]')?.textContent).toBe('Yes — resolved at the first contact');
    expect(panel.querySelector('[data-kpi="handle"]')?.textContent).toBe('41 min');
    expect(panel.querySelector('[data-kpi="csat"]')?.textContent).toMatch(/^5 of 5 by Ada Lovelace/);
    expect(get).toHaveBeenCalledWith('/api/kpis/tickets/t1');
  });

  it('adds the business-hours figure where the desk was closed for part of the time', async () => {
    // Created Friday 16:00 on a 09:00–17:00 desk, answered Monday 10:00, solved Monday 12:00.
    renderPanel(() =>
      Promise.resolve({
        pending: false,
        facts: facts({
          firstResponseSeconds: 237_600,
          firstResponseBusinessSeconds: 7200,
          resolutionSeconds: 244_800,
          resolutionBusinessSeconds: 14_400,
        }),
      }),
    );
    const panel = await screen.findByRole('region', { name: 'This ticket’s KPIs' });
    await within(panel).findByText(/66 h by Ada Lovelace · 2 h in business hours/);
    expect(panel.querySelector('[data-kpi="resolution"]')?.textContent).toMatch(
      /^68 h by Ada Lovelace · 4 h in business hours/,
    );
  });

  it('says whether the first response and the resolution met their SLA targets', async () => {
    renderPanel(() =>
      Promise.resolve({
        pending: false,
        facts: facts(),
        contributions: [
          { kind: 'first_response', amount: 3000 },
          { kind: 'sla_first_response', amount: 1 },
          { kind: 'sla_resolution', amount: 0 },
        ],
      }),
    );
    const panel = await screen.findByRole('region', { name: 'This ticket’s KPIs' });
    await within(panel).findByText(/50 min by Ada Lovelace/);
    expect(panel.querySelector('[data-kpi="first-response"] .sla-mark')?.textContent).toBe(
      ' · within the SLA target',
    );
    expect(panel.querySelector('[data-kpi="resolution"] .sla-mark')?.textContent).toBe(
      ' · SLA target missed',
    );
  });

  it('says which later ticket broke the FCR, linking to it', async () => {
    renderPanel(() =>
      Promise.resolve({
        pending: false,
        facts: facts({ fcr: false, fcrBrokenByTicketId: 't4', fcrBrokenByTicketNumber: 'LD-1044' }),
      }),
    );
    const link = await screen.findByRole('link', { name: 'LD-1044' });
    expect(link.getAttribute('href')).toBe('/tickets/t4');
    expect(link.closest('dd')?.textContent).toBe(
      'No — the customer wrote in again on the same topic: LD-1044',
    );
  });

  it('asks again while the worker is catching up, then shows the new figures', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer = { pending: true, facts: facts({ resolvedAt: null, resolutionSeconds: null, fcr: false }) };
    const get = renderPanel(() => Promise.resolve(answer));
    const panel = await screen.findByRole('region', { name: /This ticket’s KPIs/ });
    await within(panel).findByText('· updating…');
    answer = { pending: false, facts: facts() };
    await act(() => vi.advanceTimersByTimeAsync(PENDING_RETRY_MS));
    await within(panel).findByText(/10 h 40 min/);
    expect(within(panel).queryByText('· updating…')).toBeNull();
    const calls = get.mock.calls.filter(([path]) => path === '/api/kpis/tickets/t1').length;
    await act(() => vi.advanceTimersByTimeAsync(PENDING_RETRY_MS * 3));
    expect(get.mock.calls.filter(([path]) => path === '/api/kpis/tickets/t1').length).toBe(calls);
  });

  it('stops asking after a while when the worker does not catch up', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const get = renderPanel(() => Promise.resolve({ pending: true, facts: null }));
    await screen.findByText('Being computed…');
    for (let tick = 0; tick < PENDING_RETRIES + 5; tick += 1) {
      await act(() => vi.advanceTimersByTimeAsync(PENDING_RETRY_MS));
    }
    expect(get.mock.calls.filter(([path]) => path === '/api/kpis/tickets/t1').length).toBe(
      PENDING_RETRIES + 1,
    );
  });
});
