import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Page, Ticket } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { InboxPage } from './inbox-page';

// The inbox works without the live feed (counts come from the list API meanwhile).
vi.mock('../live/live-context', () => ({
  useLive: () => ({ counts: null }),
  useLiveEvent: () => undefined,
}));

afterEach(cleanup);

const TICKET = testTicket({ channel: 'api' });

const page = (items: Ticket[]): Page<Ticket> => ({ items, total: items.length, page: 1, pageSize: 50 });

function renderInbox(url: string, items: (query: Record<string, unknown>) => Ticket[]) {
  const get = vi.fn((_path: string, query: Record<string, unknown>) => Promise.resolve(page(items(query))));
  render(
    <WithSession session={testSession({ get })}>
      <MemoryRouter initialEntries={[url]}>
        <InboxPage />
      </MemoryRouter>
    </WithSession>,
  );
  return get;
}

/** The list requests (the view counts ask for one ticket per view). */
const listQueries = (get: ReturnType<typeof renderInbox>) =>
  get.mock.calls.map(([, query]) => query).filter((query) => query.pageSize === 50);

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

  it('may call an empty queue without search or filters good news', async () => {
    renderInbox('/?view=pending', () => []);
    const empty = await screen.findByText('No tickets in “Pending”. Nice.');
    expect(within(empty).queryByRole('button')).toBeNull();
  });
});
