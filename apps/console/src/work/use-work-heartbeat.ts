import { useEffect } from 'react';
import { useSession } from '../auth/session';
import { tokenStore } from '../auth/token-store';
import { DEFAULT_HEARTBEAT, HeartbeatScheduler, type HeartbeatCommand } from './heartbeat-scheduler';

const TICK_MS = 5_000;
const INPUT_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** Sends work-session heartbeats for a ticket while the agent actively works it (see HeartbeatScheduler). */
export function useWorkHeartbeat(ticketId: string): void {
  const { api } = useSession();

  useEffect(() => {
    const scheduler = new HeartbeatScheduler(
      Date.now(),
      { visible: document.visibilityState === 'visible', focused: document.hasFocus() },
      DEFAULT_HEARTBEAT,
    );
    const run = (command: HeartbeatCommand) => {
      // Signed out: signing out ended the session already, and a request without a token
      // would only send the login page back to this ticket.
      if (!tokenStore.get()) return;
      if (command === 'beat') api.post(`/api/tickets/${ticketId}/work/heartbeat`).catch(() => undefined);
      if (command === 'stop') api.post(`/api/tickets/${ticketId}/work/stop`).catch(() => undefined);
    };
    const onInput = () => run(scheduler.input(Date.now()));
    const onVisibility = () => run(scheduler.visibility(document.visibilityState === 'visible', Date.now()));
    const onFocus = () => run(scheduler.focus(true, Date.now()));
    const onBlur = () => run(scheduler.focus(false, Date.now()));
    // Closing the tab: a keepalive request still reaches the server after the page is gone.
    const onPageHide = () => {
      if (scheduler.leave() !== 'stop' || !tokenStore.get()) return;
      void fetch(`/api/tickets/${ticketId}/work/stop`, {
        method: 'POST',
        keepalive: true,
        headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` },
      }).catch(() => undefined);
    };

    INPUT_EVENTS.forEach((name) => window.addEventListener(name, onInput, { passive: true }));
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', onPageHide);
    const timer = setInterval(() => run(scheduler.tick(Date.now())), TICK_MS);
    run(scheduler.tick(Date.now()));

    return () => {
      clearInterval(timer);
      INPUT_EVENTS.forEach((name) => window.removeEventListener(name, onInput));
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', onPageHide);
      run(scheduler.leave());
    };
  }, [api, ticketId]);
}
