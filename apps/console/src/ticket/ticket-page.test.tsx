import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboxPage } from '../inbox/inbox-page';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { TicketPage } from './ticket-page';

vi.mock('../live/live-context', () => ({
  useLive: () => ({ counts: null }),
  useLiveEvent: () => undefined,
}));
vi.mock('./use-ticket-live', () => ({ useTicketLive: () => ({ viewers: [], customerInChat: false }) }));
vi.mock('../work/use-work-heartbeat', () => ({ useWorkHeartbeat: () => undefined }));
vi.mock('../calls/call-panel', () => ({ CallPanel: () => null }));
vi.mock('../mail/mail-panel', () => ({ MailPanel: () => null }));

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

const TICKET = testTicket({ id: '0b3f5c2e-6a47-4a8e-9d1c-1f2e3d4c5b6a' });

function Address() {
  const { pathname, search } = useLocation();
  return <output data-testid="address">{pathname + search}</output>;
}

function renderConsole(url: string) {
  const get = vi.fn((path: string): Promise<unknown> => {
    if (path === '/api/tickets') return Promise.resolve({ items: [TICKET], total: 1, page: 1, pageSize: 50 });
    if (path === `/api/tickets/${TICKET.id}`) return Promise.resolve({ ...TICKET, billing: null });
    return Promise.resolve([]);
  });
  render(
    <WithSession session={testSession({ get })}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route index element={<InboxPage />} />
          <Route path="/tickets/:id" element={<TicketPage />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </WithSession>,
  );
}

const address = () => screen.getByTestId('address').textContent;
const INBOX = '/?view=pending&q=refund&channel=email&sort=number&page=2';

async function openTicketFromInbox() {
  await userEvent.click(await screen.findByRole('link', { name: TICKET.number }));
  await screen.findByRole('heading', { name: /Charged twice/ });
}

describe('<TicketPage> way back to the inbox', () => {
  it('"← Inbox" returns to the view, search, filters, sort and page the agent came from', async () => {
    renderConsole(INBOX);
    await openTicketFromInbox();
    await userEvent.click(screen.getByRole('link', { name: '← Inbox' }));
    expect(address()).toBe(INBOX);
    expect(await screen.findByRole<HTMLInputElement>('searchbox')).toHaveProperty('value', 'refund');
  });

  it('the u key does the same', async () => {
    renderConsole(INBOX);
    await openTicketFromInbox();
    await userEvent.keyboard('u');
    expect(address()).toBe(INBOX);
  });

  it('goes to the plain inbox from a ticket opened by a link', async () => {
    renderConsole(`/tickets/${TICKET.id}`);
    await screen.findByRole('heading', { name: /Charged twice/ });
    expect(screen.getByRole('link', { name: '← Inbox' }).getAttribute('href')).toBe('/');
    await userEvent.keyboard('u');
    expect(address()).toBe('/');
  });
});
