import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueMetrics, TicketRef } from '../live/live-types';
import { testSession, WithSession } from '../shared/test-session';
import { MetricsView } from './live-metrics';

afterEach(cleanup);

const ref = (n: number): TicketRef => ({
  ticketId: `t${n}`,
  number: `LD-${1000 + n}`,
  subject: `Invoice question ${n}`,
  priority: 'normal',
  assigneeId: null,
  teamId: null,
  dueAt: '2026-11-25T09:00:00Z',
  target: 'resolution',
});

function metrics(breached: number, dueSoon: number, listed = 50): QueueMetrics {
  const refs = (count: number, offset: number) =>
    Array.from({ length: Math.min(count, listed) }, (_, index) => ref(offset + index));
  return {
    at: '2026-11-25T10:00:00Z',
    open: { total: 0, byStatus: {}, byChannel: {}, byPriority: {}, byTeam: [] },
    unassigned: 0,
    oldestWaiting: null,
    sla: {
      breached: refs(breached, 0),
      dueSoon: refs(dueSoon, 500),
      breachedCount: breached,
      dueSoonCount: dueSoon,
    },
    agents: [],
    today: {
      date: '2026-11-25',
      timezone: 'UTC',
      created: 0,
      resolved: 0,
      fcrRate: null,
      ahtSeconds: null,
      frtMedianSeconds: null,
      frtBusinessMedianSeconds: null,
      csatScore: null,
      csatResponses: 0,
    },
  };
}

function renderMetrics(value: QueueMetrics) {
  render(
    <WithSession session={testSession({})}>
      <MemoryRouter>
        <MetricsView metrics={value} />
      </MemoryRouter>
    </WithSession>,
  );
}

describe('<MetricsView> SLA part', () => {
  it('shows the total counts on the tiles, the ten most urgent tickets, and a link to all of them', () => {
    renderMetrics(metrics(73, 4));
    expect(screen.getByText('Breached SLA').parentElement?.textContent).toContain('73');
    expect(screen.getByText('Due soon').parentElement?.textContent).toContain('4');
    const list = screen.getByRole('list', { name: /breaching or about to/i });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(11);
    const all = within(list).getByRole('link', { name: 'All 77 breaching or due soon in the inbox' });
    expect(all.getAttribute('href')).toBe('/?view=breaching');
  });

  it('lists every ticket without a link when there are ten or fewer', () => {
    renderMetrics(metrics(3, 2));
    const list = screen.getByRole('list', { name: /breaching or about to/i });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(within(list).queryByText(/in the inbox/)).toBeNull();
  });
});

describe('<MetricsView> tiles', () => {
  it('names the desk day of the "today" figures as people read it', () => {
    renderMetrics(metrics(0, 0));
    expect(screen.getByText('Resolved today (25 Nov 2026)')).toBeTruthy();
    expect(screen.queryByText(/2026-11-25/)).toBeNull();
  });

  it('adds the business-hours median under the FRT when the desk was closed for part of it', () => {
    const value = metrics(0, 0);
    renderMetrics({
      ...value,
      today: { ...value.today, frtMedianSeconds: 36_000, frtBusinessMedianSeconds: 900 },
    });
    expect(screen.getByText('Median FRT today').parentElement?.textContent).toBe(
      'Median FRT today10 h15 min in business hours',
    );
    cleanup();
    renderMetrics({
      ...value,
      today: { ...value.today, frtMedianSeconds: 900, frtBusinessMedianSeconds: 900 },
    });
    expect(screen.getByText('Median FRT today').parentElement?.textContent).toBe('Median FRT today15 min');
  });
});
