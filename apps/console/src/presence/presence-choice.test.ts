import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../shared/api-types';
import { applySignInPresence, presenceChoice } from './presence-choice';

const ada: Me = { id: 'a1', email: 'ada@x', name: 'Ada', role: 'agent', presence: 'offline', teams: [] };

describe('sign-in presence', () => {
  beforeEach(() => localStorage.clear());

  it('makes an offline agent available when they never chose a presence here', async () => {
    const put = vi.fn(() => Promise.resolve({ ...ada, presence: 'available' }));
    const me = await applySignInPresence({ put } as never, ada);
    expect(put).toHaveBeenCalledWith('/api/me/presence', { presence: 'available' });
    expect(me.presence).toBe('available');
  });

  it("keeps the agent's earlier choice in this browser, per agent", async () => {
    presenceChoice.set('a1', 'away');
    presenceChoice.set('someone-else', 'offline');
    const put = vi.fn(() => Promise.resolve({ ...ada, presence: 'away' }));
    await applySignInPresence({ put } as never, ada);
    expect(put).toHaveBeenCalledWith('/api/me/presence', { presence: 'away' });
  });

  it('sends nothing when the server already holds that presence', async () => {
    const put = vi.fn();
    const me = await applySignInPresence({ put } as never, { ...ada, presence: 'available' });
    expect(put).not.toHaveBeenCalled();
    expect(me.presence).toBe('available');
  });

  it('keeps the loaded profile when the change fails', async () => {
    const put = vi.fn(() => Promise.reject(new Error('down')));
    expect((await applySignInPresence({ put } as never, ada)).presence).toBe('offline');
  });

  it('ignores a stored value that is not a presence', () => {
    localStorage.setItem('ledgerdesk.presence.a1', 'busy');
    expect(presenceChoice.get('a1')).toBeNull();
  });
});
