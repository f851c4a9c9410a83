/**
 * When to send work-session heartbeats for the open ticket (pure; the hook feeds it events).
 *
 * The agent is working while the tab is visible and focused and there was input within
 * `idleMs`. While working, a heartbeat goes out at once and then every `intervalMs`; when work
 * pauses (idle, hidden, blurred) one `stop` ends the session at that moment, and the next input
 * in a visible, focused tab starts a new one. Leaving the ticket stops it too.
 */

export interface HeartbeatConfig {
  intervalMs: number;
  idleMs: number;
}

/** Heartbeats well inside the server's 120-second idle window; idle after 2 minutes without input. */
export const DEFAULT_HEARTBEAT: HeartbeatConfig = { intervalMs: 30_000, idleMs: 120_000 };

export type HeartbeatCommand = 'beat' | 'stop' | null;

export class HeartbeatScheduler {
  private visible: boolean;
  private focused: boolean;
  private lastInputAt: number;
  private lastBeatAt: number | null = null;
  private sessionOpen = false;
  private left = false;

  constructor(
    now: number,
    state: { visible: boolean; focused: boolean },
    private readonly config: HeartbeatConfig = DEFAULT_HEARTBEAT,
  ) {
    this.visible = state.visible;
    this.focused = state.focused;
    this.lastInputAt = now;
  }

  /** True while a session is open on the server as far as the console knows. */
  get active(): boolean {
    return this.sessionOpen;
  }

  input(now: number): HeartbeatCommand {
    this.lastInputAt = now;
    return this.tick(now);
  }

  visibility(visible: boolean, now: number): HeartbeatCommand {
    this.visible = visible;
    if (visible) this.lastInputAt = now;
    return this.tick(now);
  }

  focus(focused: boolean, now: number): HeartbeatCommand {
    this.focused = focused;
    if (focused) this.lastInputAt = now;
    return this.tick(now);
  }

  /** Call regularly (every few seconds) and on every event. */
  tick(now: number): HeartbeatCommand {
    if (this.left) return null;
    const working = this.visible && this.focused && now - this.lastInputAt < this.config.idleMs;
    if (!working) {
      if (!this.sessionOpen) return null;
      this.sessionOpen = false;
      this.lastBeatAt = null;
      return 'stop';
    }
    if (!this.sessionOpen || this.lastBeatAt === null || now - this.lastBeatAt >= this.config.intervalMs) {
      this.sessionOpen = true;
      this.lastBeatAt = now;
      return 'beat';
    }
    return null;
  }

  /** The agent left the ticket: stop an open session, then stay silent. */
  leave(): HeartbeatCommand {
    if (this.left) return null;
    this.left = true;
    const wasOpen = this.sessionOpen;
    this.sessionOpen = false;
    return wasOpen ? 'stop' : null;
  }
}
