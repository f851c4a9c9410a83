import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import { clock } from '../shared/format';
import { ALLOWED, callClock, callPayload, callTransition, idleCall, type CallTimerEvent } from './call-timer';

const BUTTONS: Record<Exclude<CallTimerEvent, 'finish' | 'reset'>, string> = {
  start: 'Start call',
  hold: 'Hold',
  resume: 'Resume',
  end: 'End call',
};

/** "Log a call": a running timer whose real instants become the logged call (AHT from real time). */
export function CallPanel({ ticketId, onLogged }: { ticketId: string; onLogged: () => void }) {
  const { api } = useSession();
  const [call, setCall] = useState(idleCall);
  const [now, setNow] = useState(Date.now());
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const running = call.phase !== 'idle' && call.phase !== 'done';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const fire = (event: CallTimerEvent) => {
    const at = Date.now();
    setNow(at);
    setCall((state) => callTransition(state, event, at));
  };

  async function finishAndLog(state = callTransition(call, 'finish', Date.now())) {
    setCall(state);
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/tickets/${ticketId}/calls`, {
        direction,
        ...callPayload(state),
        outcome: outcome.trim() || undefined,
        notes: notes.trim() || undefined,
      });
      setCall(idleCall);
      setOutcome('');
      setNotes('');
      onLogged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  const times = callClock(call, now);
  return (
    <section className="panel call-panel" aria-labelledby="call-title">
      <h2 id="call-title">Phone call</h2>
      <p className={`call-phase phase-${call.phase}`} role="status" aria-live="polite">
        {call.phase === 'idle' && 'No call running.'}
        {call.phase === 'talking' && 'On the call'}
        {call.phase === 'hold' && 'Customer on hold'}
        {call.phase === 'wrapUp' && 'Call ended — wrap-up'}
        {call.phase === 'done' && (saving ? 'Logging the call…' : 'Call not logged yet')}
      </p>
      {call.phase !== 'idle' && (
        <dl className="call-clock">
          <div>
            <dt>Call</dt>
            <dd data-testid="call-time">{clock(times.talkMs / 1000)}</dd>
          </div>
          <div>
            <dt>Hold</dt>
            <dd>{clock(times.holdMs / 1000)}</dd>
          </div>
          <div>
            <dt>Wrap-up</dt>
            <dd>{clock(times.wrapUpMs / 1000)}</dd>
          </div>
        </dl>
      )}
      {call.phase === 'idle' && (
        <label className="control">
          <span>Direction</span>
          <select
            value={direction}
            onChange={(event) => setDirection(event.target.value as 'inbound' | 'outbound')}
          >
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
        </label>
      )}
      <div className="button-row">
        {ALLOWED[call.phase]
          .filter((event): event is keyof typeof BUTTONS => event in BUTTONS)
          .map((event) => (
            <button
              key={event}
              type="button"
              className={event === 'start' ? 'primary' : undefined}
              onClick={() => fire(event)}
            >
              {BUTTONS[event]}
            </button>
          ))}
      </div>
      {(call.phase === 'wrapUp' || call.phase === 'done') && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void finishAndLog(call.phase === 'done' ? call : undefined);
          }}
        >
          <label htmlFor="call-outcome">Outcome</label>
          <input
            id="call-outcome"
            value={outcome}
            maxLength={100}
            placeholder="e.g. Explained the charge"
            onChange={(event) => setOutcome(event.target.value)}
          />
          <label htmlFor="call-notes">Notes</label>
          <textarea
            id="call-notes"
            rows={3}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
          {error && (
            <p className="form-error" role="alert">
              Not logged: {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={saving}>
            {call.phase === 'done' ? 'Retry logging the call' : 'Finish wrap-up and log call'}
          </button>
        </form>
      )}
    </section>
  );
}
