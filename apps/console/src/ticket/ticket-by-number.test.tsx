import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, WithSession } from '../shared/test-session';
import { TicketByNumber } from './ticket-page';

afterEach(cleanup);

const ticket = (id: string, number: string) => ({ id, number, subject: `Ticket ${number}` });

function ByNumberOrId() {
  const { id = '' } = useParams();
  return id.startsWith('uuid-') ? <p>ticket page of {id}</p> : <TicketByNumber reference={id} />;
}

function renderAt(path: string, get: (path: string, query: object) => Promise<unknown>) {
  render(
    <WithSession session={testSession({ get: vi.fn(get) })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/tickets/:id" element={<ByNumberOrId />} />
        </Routes>
      </MemoryRouter>
    </WithSession>,
  );
}

describe('/tickets/<number>', () => {
  it('opens the ticket with that number (the search also finds other numbers containing it)', async () => {
    const get = vi.fn(() =>
      Promise.resolve({ items: [ticket('uuid-2', 'LD-14061'), ticket('uuid-1', 'LD-1406')], total: 2 }),
    );
    renderAt('/tickets/LD-1406', get);
    expect(await screen.findByText('ticket page of uuid-1')).toBeTruthy();
    expect(get).toHaveBeenCalledWith('/api/tickets', { q: '1406', pageSize: 20 });
  });

  it('says so when no ticket has that number, and when the address is no ticket number at all', async () => {
    renderAt('/tickets/LD-99', () => Promise.resolve({ items: [], total: 0 }));
    expect(await screen.findByText(/There is no ticket LD-99\./)).toBeTruthy();
    cleanup();
    const get = vi.fn(() => Promise.resolve({ items: [], total: 0 }));
    renderAt('/tickets/not-a-ticket', get);
    expect(await screen.findByText(/is not a ticket number/)).toBeTruthy();
    expect(get).not.toHaveBeenCalled();
  });
});
