import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Page, Ticket } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { CustomerTickets, customerTicketsQuery, SHOWN_TICKETS } from './customer-tickets';

afterEach(cleanup);

const current = testTicket({ id: 't1', number: 'LD-1010', createdAt: '2026-11-25T09:00:00Z' });
const older = (index: number, overrides: Partial<Ticket> = {}): Ticket =>
  testTicket({
    id: `old-${index}`,
    number: `LD-100${index}`,
    subject: `Earlier request ${index}`,
    status: 'closed',
    category: 'refund_request',
    createdAt: `2026-11-0${index}T09:00:00Z`,
    ...overrides,
  });
const page = (items: Ticket[], total = items.length): Page<Ticket> => ({
  items,
  total,
  page: 1,
  pageSize: 6,
});

function renderPanel(ticket: Ticket, get: (...args: unknown[]) => Promise<unknown>) {
  render(
    <MemoryRouter>
      <WithSession session={testSession({ get })}>
        <CustomerTickets ticket={ticket} />
      </WithSession>
    </MemoryRouter>,
  );
}

describe('customerTicketsQuery', () => {
  it('lists the linked account’s tickets, else the requester’s address, else the phone', () => {
    expect(customerTicketsQuery(testTicket({ accountId: 'acc-1' }))).toEqual({
      sort: '-createdAt',
      pageSize: SHOWN_TICKETS + 1,
      account: 'acc-1',
    });
    expect(customerTicketsQuery(testTicket())).toMatchObject({ requester: 'customer34@example.com' });
    expect(
      customerTicketsQuery(testTicket({ requester: { email: null, phone: '+1 555 0100', name: 'Bo' } })),
    ).toMatchObject({ requester: '+1 555 0100' });
    expect(
      customerTicketsQuery(testTicket({ requester: { email: null, phone: null, name: 'Bo' } })),
    ).toBeNull();
  });
});

describe('<CustomerTickets>', () => {
  it('lists the customer’s other tickets, not this one, with status, topic and how many more there are', async () => {
    const get = vi.fn(() =>
      Promise.resolve(
        page([current, older(3, { category: 'duplicate_charge', status: 'solved' }), older(2)], 9),
      ),
    );
    renderPanel(current, get);

    const panel = await screen.findByRole('region', { name: 'The customer’s other tickets' });
    const items = await within(panel).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(
        /^LD-1003 Earlier request 3 Solved.*Duplicate charge \(same topic\) · Email · opened/,
      ),
      expect.stringMatching(/^LD-1002 Earlier request 2 Closed.*Refund request · Email · opened/),
    ]);
    expect(within(panel).getByRole('link', { name: 'LD-1003' }).getAttribute('href')).toBe('/tickets/old-3');
    expect(within(panel).getByRole('link', { name: 'and 6 more tickets' }).getAttribute('href')).toBe(
      '/?view=all&status=any&requester=customer34%40example.com',
    );
    expect(get).toHaveBeenCalledWith('/api/tickets', {
      sort: '-createdAt',
      pageSize: SHOWN_TICKETS + 1,
      requester: 'customer34@example.com',
    });
  });

  it('names the account when the ticket is linked to one, and says when there are no others', async () => {
    renderPanel(testTicket({ accountId: 'acc-1' }), () => Promise.resolve(page([current])));
    const panel = await screen.findByRole('region', { name: 'The account’s other tickets' });
    expect(await within(panel).findByText('No other tickets you can see.')).toBeTruthy();
  });

  it('shows nothing for a ticket without an address or phone to match on', () => {
    const get = vi.fn();
    renderPanel(testTicket({ requester: { email: null, phone: null, name: 'Bo' } }), get);
    expect(screen.queryByRole('region')).toBeNull();
    expect(get).not.toHaveBeenCalled();
  });

  it('offers to try again when the list cannot be loaded', async () => {
    renderPanel(current, () => Promise.reject(new Error('network down')));
    const panel = await screen.findByRole('region', { name: 'The customer’s other tickets' });
    expect(await within(panel).findByRole('button', { name: /try again/i })).toBeTruthy();
  });
});
