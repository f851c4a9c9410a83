import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { Page, Ticket } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { InboxPage } from './inbox-page';

// The inbox works without the live feed (counts come from the list API meanwhile).
vi.mock('../live/live-context', () => ({
  useLive: () => ({ counts: null }),
  useLiveEvent: () => undefined,
}));

// jsdom has no layout; the inbox scrolls the selected row into view.
beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(cleanup);

const TICKET = testTicket({ channel: 'api' });

const page = (items: Ticket[]): Page<Ticket> => ({ items, total: items.length, page: 1, pageSize: 50 });

function OpenedTicket() {
  return <p>ticket page of {useParams().id}</p>;
}

function renderInbox(url: string, items: (query: Record<string, unknown>) => Ticket[]) {
  const get = vi.fn((_path: string, query: Record<string, unknown>) => Promise.resolve(page(items(query))));
  render(
    <WithSession session={testSession({ get })}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route index element={<InboxPage />} />
          <Route path="/tickets/:id" element={<OpenedTicket />} />
        </Routes>
      </MemoryRouter>
    </WithSession>,
  );
  return get;
}

/** The list requests (the view counts ask for one ticket per view). */
const listQueries = (get: { mock: { calls: unknown[][] } }) =>
  get.mock.calls
    .map(([, query]) => query as Record<string, unknown> | undefined)
    .filter((query) => query?.pageSize === 50) as Record<string, unknown>[];

describe('<InboxPage>', () => {
  it('counts a single ticket as "1 ticket"', async () => {
    renderInbox('/', () => [TICKET]);
    const pager = await screen.findByRole('navigation', { name: 'Pages' });
    expect(pager.textContent).toContain('Page 1 of 1 · 1 ticket');
    expect(pager.textContent).not.toContain('1 tickets');
  });

  it('shows the API channel as "API"', async () => {
    renderInbox('/', () => [TICKET]);
    const row = (await screen.findByText('Charged twice')).closest('tr')!;
    expect(within(row).getByText('API')).toBeTruthy();
  });

  it('says plainly that a search found nothing and offers to clear it', async () => {
    const get = renderInbox('/?view=team&q=refund&channel=api', (query) =>
      query.q || query.channel ? [] : [TICKET],
    );
    const empty = await screen.findByText(/No tickets in “My teams” match your search or filters/);
    expect(empty.textContent).not.toMatch(/nice/i);
    await userEvent.click(within(empty).getByRole('button', { name: 'Clear search and filters' }));
    expect(await screen.findByText('Charged twice')).toBeTruthy();
    const last = listQueries(get).at(-1)!;
    expect(last).toMatchObject({ team: 'mine' });
    expect(last.q).toBeUndefined();
    expect(last.channel).toBeUndefined();
    expect(screen.getByRole<HTMLInputElement>('searchbox').value).toBe('');
  });

  it('finds solved and closed tickets, which no view holds, through the status filter', async () => {
    const get = renderInbox('/', () => [TICKET]);
    const status = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Status' });
    expect(status.selectedOptions[0].textContent).toBe('Unsolved');
    expect(listQueries(get).at(-1)).toMatchObject({ status: 'new,open,pending,on_hold', assignee: 'me' });

    await userEvent.selectOptions(status, 'Solved');
    expect(listQueries(get).at(-1)).toMatchObject({ status: 'solved', assignee: 'me' });

    await userEvent.selectOptions(status, 'Any status');
    const any = listQueries(get).at(-1)!;
    expect(any).toMatchObject({ assignee: 'me' });
    expect(any.status).toBeUndefined();
  });

  it("names a one-status view's own status as the status filter's default", async () => {
    const get = renderInbox('/?view=pending&status=on_hold', () => [TICKET]);
    const status = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Status' });
    expect(status.selectedOptions[0].textContent).toBe('On hold');
    expect(listQueries(get).at(-1)).toMatchObject({ status: 'on_hold' });
    await userEvent.selectOptions(status, 'Pending');
    expect(within(status).getAllByRole('option')[0].textContent).toBe('Pending');
  });

  it('clears the status filter with the search and the other filters', async () => {
    const get = renderInbox('/?status=closed', (query) => (query.status === 'closed' ? [] : [TICKET]));
    const empty = await screen.findByText(/match your search or filters/);
    await userEvent.click(within(empty).getByRole('button', { name: 'Clear search and filters' }));
    expect(await screen.findByText('Charged twice')).toBeTruthy();
    expect(listQueries(get).at(-1)).toMatchObject({ status: 'new,open,pending,on_hold' });
  });

  it("lists one customer's tickets of every status, says whose, and lifts the limit", async () => {
    const get = vi.fn((path: string) =>
      Promise.resolve(
        path === '/api/accounts/acc-1'
          ? { id: 'acc-1', number: 'NW-1001', name: 'Northwind' }
          : page([TICKET]),
      ),
    );
    render(
      <WithSession session={testSession({ get })}>
        <MemoryRouter initialEntries={['/?view=all&status=any&account=acc-1']}>
          <Routes>
            <Route index element={<InboxPage />} />
          </Routes>
        </MemoryRouter>
      </WithSession>,
    );
    const limit = await screen.findByText(/Only the tickets of/);
    expect(await within(limit).findByText('Northwind (NW-1001)')).toBeTruthy();
    const lists = () => listQueries(get);
    const first = lists().at(-1)!;
    expect(first).toMatchObject({ account: 'acc-1' });
    expect(first.status).toBeUndefined();
    expect(first.assignee).toBeUndefined();
    expect(screen.getByRole('button', { name: /All unsolved/ }).getAttribute('aria-current')).toBe('page');

    await userEvent.click(within(limit).getByRole('button', { name: 'Show every customer’s' }));
    expect(screen.queryByText(/Only the tickets of/)).toBeNull();
    expect(lists().at(-1)!.account).toBeUndefined();
  });

  it('exports every ticket of the view, filters and sort as CSV, and says why when refused', async () => {
    const download = vi
      .fn()
      .mockResolvedValueOnce(new Blob(['number,subject']))
      .mockRejectedValueOnce(
        new ApiError(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: '60,000 tickets match; an export holds at most 50,000: narrow the filters',
        }),
      );
    const createObjectURL = vi.fn(() => 'blob:tickets');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const get = vi.fn(() => Promise.resolve(page([TICKET])));
    render(
      <WithSession session={testSession({ get, download })}>
        <MemoryRouter initialEntries={['/?view=team&status=solved&priority=high&sort=number']}>
          <Routes>
            <Route index element={<InboxPage />} />
          </Routes>
        </MemoryRouter>
      </WithSession>,
    );
    const button = await screen.findByRole('button', { name: 'Export CSV' });
    await userEvent.click(button);
    expect(download).toHaveBeenCalledWith(
      '/api/tickets/export',
      { status: 'solved', team: 'mine', priority: 'high', sort: 'number' },
      'text/csv',
    );
    expect(createObjectURL).toHaveBeenCalledTimes(1);

    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not exported: 60,000 tickets match; an export holds at most 50,000: narrow the filters',
    );
  });

  it('may call an empty queue without search or filters good news', async () => {
    renderInbox('/?view=pending', () => []);
    const empty = await screen.findByText('No tickets in “Pending”. Nice.');
    expect(within(empty).queryByRole('button')).toBeNull();
  });

  it('opens the selected ticket with Enter after a view tab was clicked with the mouse', async () => {
    renderInbox('/', (query) =>
      query.status === 'pending' ? [TICKET, testTicket({ id: 't2', subject: 'Refund please' })] : [],
    );
    await userEvent.click(await screen.findByRole('button', { name: /Pending/ }));
    await screen.findByText('Refund please');
    await userEvent.keyboard('j');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('ticket page of t2')).toBeTruthy();
  });

  it('still switches to a view tab reached with the keyboard on Enter or Space', async () => {
    const get = renderInbox('/', () => [TICKET]);
    await screen.findByText('Charged twice');
    const pending = screen.getByRole('button', { name: /Pending/ });
    pending.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(pending.getAttribute('aria-current')).toBe('page'));
    expect(document.activeElement).toBe(pending);
    expect(screen.queryByText(/ticket page of/)).toBeNull();
    const unassigned = screen.getByRole('button', { name: /Unassigned/ });
    unassigned.focus();
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(unassigned.getAttribute('aria-current')).toBe('page'));
    expect(listQueries(get).at(-1)).toMatchObject({ assignee: 'none' });
  });
});
