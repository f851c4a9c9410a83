import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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

  // Read through a ref so that `toLogin`, and with it the ApiClient and everything keyed on them
  // (the live socket, the work-session heartbeat), stay the same object across navigation.
  const router = useRef({ location, navigate });
  useLayoutEffect(() => {
    router.current = { location, navigate };
  });

  /** Back to the login page; after a lost session it comes back to this page, after a sign-out it does not. */
  const leaving = useRef(false);
  const toLogin = useCallback((returnHere = true) => {
    leaving.current = true;
    tokenStore.clear();
    setToken(null);
    setMe(null);
    const { location: here, navigate: go } = router.current;
    const next = here.pathname === '/login' ? '/' : `${here.pathname}${here.search}`;
    void go(returnHere ? `/login?next=${encodeURIComponent(next)}` : '/login', { replace: true });
  }, []);

  /**
   * Set from the start of a sign-out until the next sign-in: the requests still in flight then
   * (a panel polling, say) are refused once the token is revoked, and their 401 must not send the
   * login page back to this page for whoever signs in next.
   */
  const signedOut = useRef(false);
  const api = useMemo(
    () =>
      new ApiClient({
        token: tokenStore.get,
        onUnauthorized: () => {
          if (!signedOut.current) toLogin();
        },
      }),
    [toLogin],
  );

  useEffect(() => {
    if (!token) {
      // Arrived without a token. (When toLogin removed it, it has already sent the agent on.)
      if (!leaving.current) toLogin();
      return;
    }
    signedOut.current = false;
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
              signedOut.current = true;
              // While the token still works: the ticket page's own stop, sent as it unmounts,
              // would be refused without it and leave the agent "working".
              await Promise.all([
                api.post('/api/me/work/stop').catch(() => undefined),
                api.put('/api/me/presence', { presence: 'offline' }).catch(() => undefined),
              ]);
              // Last: the token stops working here (also for a copy of it elsewhere).
              await api.post('/api/auth/logout').catch(() => undefined);
              toLogin(false);
            },
            logout: () => toLogin(),
          }
        : null,
    [api, me, timeZone, toLogin, token],
  );

  if (error) return <ErrorState error={error} onRetry={() => window.location.reload()} />;
  if (!session) return <Loading what="your profile" />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
