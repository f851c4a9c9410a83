import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import type { Me, Presence } from '../shared/api-types';
import { label } from '../shared/format';
import { PRESENCES, presenceChoice } from './presence-choice';

/**
 * The agent's presence in the header. It shows what the server holds: the answer of each change,
 * and a fresh profile whenever the tab regains focus (another tab may have changed it). A choice
 * the server accepted is remembered for the next sign-in in this browser.
 */
export function PresenceSelect() {
  const { me, api, updateMe } = useSession();
  const [saving, setSaving] = useState<Presence | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onFocus = () => {
      api.get<Me>('/api/me').then(
        (fresh) => fresh.presence !== me.presence && updateMe(fresh),
        () => undefined,
      );
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [api, me, updateMe]);

  async function change(next: Presence) {
    setSaving(next);
    setError(null);
    try {
      const updated = await api.put<Me>('/api/me/presence', { presence: next });
      presenceChoice.set(me.id, updated.presence);
      updateMe(updated);
    } catch (failure) {
      setError(`Presence not changed: ${describeError(failure)}`);
    } finally {
      setSaving(null);
    }
  }

  return (
    <>
      <label className="inline">
        <span className="visually-hidden">My presence</span>
        <select
          value={saving ?? me.presence}
          disabled={saving !== null}
          onChange={(event) => void change(event.target.value as Presence)}
        >
          {PRESENCES.map((value) => (
            <option key={value} value={value}>
              {label(value)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <span className="form-error small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
