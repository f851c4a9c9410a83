/**
 * The phone call timer as a pure state machine. Instants are epoch milliseconds passed in by the
 * caller, so the posted call carries the real start, end, hold and wrap-up of what happened.
 *
 *   idle ─start→ talking ⇄ hold (hold/resume) ─end→ wrapUp ─finish→ done
 *   (end while on hold closes the hold first; reset from done or idle goes back to idle)
 */

export type CallPhase = 'idle' | 'talking' | 'hold' | 'wrapUp' | 'done';

export interface CallTimerState {
  phase: CallPhase;
  startedAt: number | null;
  holdStartedAt: number | null;
  heldMs: number;
  endedAt: number | null;
  wrapUpEndedAt: number | null;
}

export type CallTimerEvent = 'start' | 'hold' | 'resume' | 'end' | 'finish' | 'reset';

export const idleCall: CallTimerState = {
  phase: 'idle',
  startedAt: null,
  holdStartedAt: null,
  heldMs: 0,
  endedAt: null,
  wrapUpEndedAt: null,
};

/** Events allowed in each phase (the buttons the call panel shows). */
export const ALLOWED: Record<CallPhase, readonly CallTimerEvent[]> = {
  idle: ['start'],
  talking: ['hold', 'end'],
  hold: ['resume', 'end'],
  wrapUp: ['finish'],
  done: ['reset'],
};

export class InvalidCallTransition extends Error {
  constructor(phase: CallPhase, event: CallTimerEvent) {
    super(`cannot ${event} a call that is ${phase}`);
  }
}

export function callTransition(state: CallTimerState, event: CallTimerEvent, now: number): CallTimerState {
  if (!ALLOWED[state.phase].includes(event)) throw new InvalidCallTransition(state.phase, event);
  switch (event) {
    case 'start':
      return { ...idleCall, phase: 'talking', startedAt: now };
    case 'hold':
      return { ...state, phase: 'hold', holdStartedAt: now };
    case 'resume':
      return {
        ...state,
        phase: 'talking',
        holdStartedAt: null,
        heldMs: state.heldMs + (now - state.holdStartedAt!),
      };
    case 'end': {
      const heldMs = state.phase === 'hold' ? state.heldMs + (now - state.holdStartedAt!) : state.heldMs;
      return { ...state, phase: 'wrapUp', holdStartedAt: null, heldMs, endedAt: now };
    }
    case 'finish':
      return { ...state, phase: 'done', wrapUpEndedAt: now };
    case 'reset':
      return idleCall;
  }
}

/** What the panel shows: the call's running time (hold included), hold time and wrap-up time. */
export function callClock(
  state: CallTimerState,
  now: number,
): { talkMs: number; holdMs: number; wrapUpMs: number } {
  if (state.startedAt === null) return { talkMs: 0, holdMs: 0, wrapUpMs: 0 };
  const callEnd = state.endedAt ?? now;
  const holdMs = state.heldMs + (state.phase === 'hold' ? now - state.holdStartedAt! : 0);
  const wrapUpMs = state.endedAt === null ? 0 : (state.wrapUpEndedAt ?? now) - state.endedAt;
  return { talkMs: callEnd - state.startedAt, holdMs, wrapUpMs };
}

export interface CallPayload {
  startedAt: string;
  endedAt: string;
  holdSeconds: number;
  wrapUpSeconds: number;
}

/** The body fields of POST /api/tickets/:id/calls for a finished call. */
export function callPayload(state: CallTimerState): CallPayload {
  if (state.phase !== 'done') throw new Error('the call is not finished yet');
  return {
    startedAt: new Date(state.startedAt!).toISOString(),
    endedAt: new Date(state.endedAt!).toISOString(),
    holdSeconds: Math.round(state.heldMs / 1000),
    wrapUpSeconds: Math.round((state.wrapUpEndedAt! - state.endedAt!) / 1000),
  };
}
