import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { applySignInPresence } from '../presence/presence-choice';
import { ApiClient } from '../shared/api-client';
import type { Me } from '../shared/api-types';
import { browserTimeZone } from '../shared/format';
import { Loading, ErrorState } from '../shared/states';
import { SessionContext, type Session } from './session';
import { tokenStore } from './token-store';

const ZONE_KEY = 'ledgerdesk.timeZone';

/**
 * Loads the signed-in agent and puts them in their sign-in presence (available unless they chose
 * otherwise in this browser); any 401 (expired, revoked, deactivated) goes back to the login page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState(tokenStore.get);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [timeZone, setZone] = useState(() => localStorage.getItem(ZONE_KEY) ?? browserTimeZone());

  const toLogin = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    setMe(null);
    const next = location.pathname === '/login' ? '/' : `${location.pathname}${location.search}`;
    void navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
  }, [location.pathname, location.search, navigate]);

  const api = useMemo(() => new ApiClient({ token: tokenStore.get, onUnauthorized: toLogin }), [toLogin]);

  useEffect(() => {
    if (!token) {
      toLogin();
      return;
    }
    api
      .get<Me>('/api/me')
      .then((profile) => applySignInPresence(api, profile))
      .then(setMe, setError);
    // Only a new token needs the profile again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  const session = useMemo<Session | null>(
    () =>
      me && token
        ? {
            me,
            token,
            api,
            timeZone,
            setTimeZone: (zone: string) => {
              localStorage.setItem(ZONE_KEY, zone);
              setZone(zone);
            },
            updateMe: setMe,
            signOut: async () => {
              await api.put('/api/me/presence', { presence: 'offline' }).catch(() => undefined);
              toLogin();
            },
            logout: toLogin,
          }
        : null,
    [api, me, timeZone, toLogin, token],
  );

  if (error) return <ErrorState error={error} onRetry={() => window.location.reload()} />;
  if (!session) return <Loading what="your profile" />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
