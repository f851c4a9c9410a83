import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../shared/api-client';
import type { Me } from '../shared/api-types';
import { useSession } from './session';
import { SessionProvider } from './session-provider';
import { tokenStore } from './token-store';

const ada: Me = { id: 'a1', email: 'ada@x', name: 'Ada', role: 'agent', presence: 'available', teams: [] };

interface Sent {
  method: string;
  path: string;
  token: string | null;
}

let sent: Sent[];
let revoked: boolean;

/** The API as far as these tests need it; records each request with the token it carried. */
function fakeApi(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = (init.headers ?? {}) as Record<string, string>;
  sent.push({ method: init.method ?? 'GET', path, token: headers.authorization ?? null });
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  if (path === '/api/me') return Promise.resolve(json(ada));
  if (path === '/api/me/presence') return Promise.resolve(json({ ...ada, presence: 'offline' }));
  if (path === '/api/me/work/stop') return Promise.resolve(json([]));
  if (path === '/api/auth/logout') {
    revoked = true;
    return Promise.resolve(new Response(null, { status: 204 }));
  }
  // A request a page makes in the background (a panel polling), answered just after the sign-out.
  if (path === '/api/background') {
    return new Promise((resolve) =>
      setTimeout(() => resolve(new Response(null, { status: revoked ? 401 : 200 })), 50),
    );
  }
  return Promise.resolve(new Response(null, { status: 404 }));
}

const clients = new Set<ApiClient>();

/** A signed-in page: remembers the session's ApiClient, can move to the other page or sign out. */
function Page({ other }: { other: string }) {
  const { api, signOut } = useSession();
  const navigate = useNavigate();
  clients.add(api);
  return (
    <>
      <button type="button" onClick={() => void navigate(other)}>
        go
      </button>
      <button type="button" onClick={() => void signOut()}>
        sign out
      </button>
      <button
        type="button"
        onClick={() => {
          void signOut();
          void api.get('/api/background').catch(() => undefined);
        }}
      >
        sign out while a panel polls
      </button>
    </>
  );
}

function Where() {
  const location = useLocation();
  return <output aria-label="location">{`${location.pathname}${location.search}`}</output>;
}

function renderDesk(start: string) {
  render(
    <MemoryRouter initialEntries={[start]}>
      <Where />
      <Routes>
        <Route path="/login" element={<p>login page</p>} />
        <Route
          path="/*"
          element={
            <SessionProvider>
              <Routes>
                <Route path="tickets/1" element={<Page other="/tickets/2?tab=email" />} />
                <Route path="tickets/2" element={<Page other="/tickets/1" />} />
              </Routes>
            </SessionProvider>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

describe('<SessionProvider>', () => {
  beforeEach(() => {
    sent = [];
    revoked = false;
    clients.clear();
    localStorage.clear();
    tokenStore.set('token-of-ada');
    vi.stubGlobal('fetch', vi.fn(fakeApi));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('keeps one API client while the agent moves between pages', async () => {
    renderDesk('/tickets/1');
    fireEvent.click(await screen.findByRole('button', { name: 'go' }));
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/tickets/2?tab=email'));
    fireEvent.click(screen.getByRole('button', { name: 'go' }));
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/tickets/1'));

    // A new client per page restarted everything keyed on it: each ticket page opened and
    // closed a work session, and the live socket reconnected.
    expect(clients.size).toBe(1);
  });

  it('revokes the token after ending the work sessions and going offline with it', async () => {
    renderDesk('/tickets/1');
    fireEvent.click(await screen.findByRole('button', { name: 'sign out' }));

    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/login'));
    const paths = sent.map((request) => request.path);
    expect(sent.at(-1)).toEqual({ method: 'POST', path: '/api/auth/logout', token: 'Bearer token-of-ada' });
    expect(paths.indexOf('/api/me/work/stop')).toBeLessThan(paths.indexOf('/api/auth/logout'));
    expect(paths.indexOf('/api/me/presence')).toBeLessThan(paths.indexOf('/api/auth/logout'));
  });

  it('ends the work sessions and goes offline with the token, then to a login page that does not return here', async () => {
    renderDesk('/tickets/1');
    fireEvent.click(await screen.findByRole('button', { name: 'sign out' }));

    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/login'));
    expect(sent.filter((request) => request.path !== '/api/me')).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/api/me/work/stop', token: 'Bearer token-of-ada' },
        { method: 'PUT', path: '/api/me/presence', token: 'Bearer token-of-ada' },
      ]),
    );
    expect(tokenStore.get()).toBeNull();
  });

  it('stays on a login page that does not return here when a background request is refused after the sign-out', async () => {
    renderDesk('/tickets/1');
    fireEvent.click(await screen.findByRole('button', { name: 'sign out while a panel polls' }));

    await waitFor(() => expect(sent.some((request) => request.path === '/api/background')).toBe(true));
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/login'));
    // The refused request answers after the sign-out: it must not send the next agent here.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByLabelText('location').textContent).toBe('/login');
  });
});
