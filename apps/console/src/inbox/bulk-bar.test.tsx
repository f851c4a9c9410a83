import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page, Ticket } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { describeOutcome, type BulkUpdateResult } from './bulk-bar';
import { InboxPage } from './inbox-page';

vi.mock('../live/live-context', () => ({
  useLive: () => ({ counts: null }),
  useLiveEvent: () => undefined,
}));
beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(cleanup);

const TICKETS = [
  testTicket({ id: 't1', number: 'LD-1001', subject: 'First' }),
  testTicket({ id: 't2', number: 'LD-1002', subject: 'Second' }),
  testTicket({ id: 't3', number: 'LD-1003', subject: 'Third' }),
];
const AGENTS = [{ id: 'grace', name: 'Grace Hopper', email: 'g@x', role: 'agent', teams: [], active: true }];

function renderInbox(patch: (path: string, body: unknown) => Promise<BulkUpdateResult>) {
  const get = vi.fn((path: string) =>
    Promise.resolve(
      path === '/api/agents'
        ? AGENTS
        : ({ items: TICKETS, total: TICKETS.length, page: 1, pageSize: 50 } satisfies Page<Ticket>),
    ),
  );
  const patchSpy = vi.fn(patch);
  render(
    <WithSession session={testSession({ get, patch: patchSpy })}>
      <MemoryRouter>
        <InboxPage />
      </MemoryRouter>
    </WithSession>,
  );
  return patchSpy;
}

describe('describeOutcome', () => {
  it('names each ticket that refused and why', () => {
    const result: BulkUpdateResult = {
      updated: 1,
      failed: 1,
      results: [
        { ticketId: 't1', status: 200 },
        { ticketId: 't3', status: 409, error: 'Ticket is closed' },
      ],
    };
    expect(describeOutcome(result, (id) => ({ t1: 'LD-1001', t3: 'LD-1003' })[id] ?? id)).toBe(
      'Changed 1 ticket; 1 refused — LD-1003: Ticket is closed',
    );
    expect(describeOutcome({ updated: 2, failed: 0, results: [] }, (id) => id)).toBe('Changed 2 tickets.');
  });
});

describe('changing checked tickets of the inbox at once', () => {
  it('checks rows by box and by x, changes them in one request, and keeps the ones that refused checked', async () => {
    const patch = renderInbox(() =>
      Promise.resolve({
        updated: 1,
        failed: 1,
        results: [
          { ticketId: 't1', status: 200 },
          { ticketId: 't3', status: 409, error: 'Ticket is closed; closed tickets are final' },
        ],
      }),
    );
    await screen.findByText('First');
    expect(screen.queryByRole('form', { name: 'Change the checked tickets' })).toBeNull();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Check LD-1001' }));
    // x checks the selected row: move to the third and check it.
    await userEvent.keyboard('jjx');
    const bar = await screen.findByRole('form', { name: 'Change the checked tickets' });
    expect(within(bar).getByText('2 tickets checked')).toBeTruthy();
    const change = within(bar).getByRole('button', { name: 'Change 2 tickets' });
    expect(change).toHaveProperty('disabled', true);

    await userEvent.selectOptions(within(bar).getByLabelText('Assignee'), 'Grace Hopper');
    await userEvent.selectOptions(within(bar).getByLabelText('Status'), 'pending');
    await userEvent.click(change);

    expect(patch).toHaveBeenCalledWith('/api/tickets', {
      ticketIds: ['t1', 't3'],
      changes: { assigneeId: 'grace', status: 'pending' },
    });
    expect((await screen.findByRole('status')).textContent).toBe(
      'Changed 1 ticket; 1 refused — LD-1003: Ticket is closed; closed tickets are final',
    );
    expect(screen.getByRole('checkbox', { name: 'Check LD-1003' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Check LD-1001' })).toHaveProperty('checked', false);
    expect(screen.getByText('1 ticket checked')).toBeTruthy();
  });

  it('checks every ticket of the page at once, and unchecks them', async () => {
    renderInbox(() => Promise.reject(new Error('not called')));
    await screen.findByText('First');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Check every ticket of this page' }));
    expect(await screen.findByText('3 tickets checked')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Uncheck all' }));
    expect(screen.queryByRole('form', { name: 'Change the checked tickets' })).toBeNull();
  });
});
