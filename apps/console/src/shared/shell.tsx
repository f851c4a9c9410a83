import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { isSupervisor, useSession } from '../auth/session';
import { isTyping, plainKey } from '../inbox/keyboard';
import { useLive } from '../live/live-context';
import { PresenceSelect } from '../presence/presence-select';
import { HelpOverlay } from './help-overlay';

/** The frame of every signed-in page: navigation, presence, live status, time zone, help. */
export function Shell({ children }: { children: ReactNode }) {
  const { me, signOut, timeZone } = useSession();
  const live = useLive();
  const navigate = useNavigate();
  const [help, setHelp] = useState(false);
  const pendingG = useRef(false);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target) || !plainKey(event)) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      if (pendingG.current) {
        pendingG.current = false;
        const to = { i: '/', s: '/scorecard', d: isSupervisor(me) ? '/dashboard' : null }[event.key];
        if (to) void navigate(to);
        return;
      }
      if (event.key === 'g') {
        pendingG.current = true;
        setTimeout(() => (pendingG.current = false), 1500);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [me, navigate]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Ledgerdesk</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Inbox
          </NavLink>
          <NavLink to="/scorecard">My scorecard</NavLink>
          {isSupervisor(me) && <NavLink to="/dashboard">Dashboard</NavLink>}
          {isSupervisor(me) && <NavLink to="/approvals">Approvals</NavLink>}
          <NavLink to="/targets">Targets</NavLink>
          <NavLink to="/templates">Templates</NavLink>
          {me.role === 'admin' && <NavLink to="/agents">Agents</NavLink>}
        </nav>
        <span className="spacer" />
        <span className={`live-status live-${live.status}`} role="status" title="Live updates">
          {live.status === 'live' ? '● Live' : live.status === 'connecting' ? '○ Connecting' : '○ Offline'}
        </span>
        <PresenceSelect />
        <span className="muted small" title="Times are shown in this zone">
          {timeZone}
        </span>
        <span className="me">{me.name}</span>
        <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          Help
        </button>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </>
  );
}
