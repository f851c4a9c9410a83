import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import type { Me } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { presenceChoice } from './presence-choice';
import { PresenceSelect } from './presence-select';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

function renderSelect(api: object, presence: Me['presence'] = 'available') {
  const updateMe = vi.fn();
  const session = testSession(api, { presence }, { updateMe });
  const view = render(
    <WithSession session={session}>
      <PresenceSelect />
    </WithSession>,
  );
  const rerender = (me: Me) =>
    view.rerender(
      <WithSession session={{ ...session, me }}>
        <PresenceSelect />
      </WithSession>,
    );
  return { updateMe, session, rerender };
}

describe('<PresenceSelect>', () => {
  it("shows the server's presence and remembers a choice the server accepted", async () => {
    const put = vi.fn((_path: string, body: { presence: string }) =>
      Promise.resolve({ id: 'a1', presence: body.presence }),
    );
    const { updateMe } = renderSelect({ put, get: vi.fn() }, 'available');
    const select = screen.getByLabelText('My presence');
    expect(select).toHaveProperty('value', 'available');

    await userEvent.selectOptions(select, 'away');
    expect(put).toHaveBeenCalledWith('/api/me/presence', { presence: 'away' });
    await waitFor(() => expect(updateMe).toHaveBeenCalledWith({ id: 'a1', presence: 'away' }));
    expect(presenceChoice.get('a1')).toBe('away');
  });

  it('names the failure and goes back to the server value when the change is refused', async () => {
    const put = vi.fn(() =>
      Promise.reject(
        new ApiError(400, { statusCode: 400, error: 'Bad Request', message: 'presence must be one of …' }),
      ),
    );
    const { updateMe } = renderSelect({ put, get: vi.fn() }, 'available');
    await userEvent.selectOptions(screen.getByLabelText('My presence'), 'offline');
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Presence not changed: presence must be one of …',
    );
    expect(screen.getByLabelText('My presence')).toHaveProperty('value', 'available');
    expect(updateMe).not.toHaveBeenCalled();
    expect(presenceChoice.get('a1')).toBeNull();
  });

  it('reloads the profile when the tab regains focus and shows a presence changed elsewhere', async () => {
    const get = vi.fn(() => Promise.resolve({ id: 'a1', presence: 'offline' }));
    const { updateMe, session, rerender } = renderSelect({ put: vi.fn(), get }, 'available');
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(updateMe).toHaveBeenCalledWith({ id: 'a1', presence: 'offline' }));
    rerender({ ...session.me, presence: 'offline' });
    expect(screen.getByLabelText('My presence')).toHaveProperty('value', 'offline');
  });
});
