import { useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import { Time } from '../shared/time';

type Step = { at: 'idle' } | { at: 'confirming' } | { at: 'sending' } | { at: 'done'; resetAt: string };

/**
 * Stops the request-page links sent to the customer so far (a forwarded or leaked email): every
 * email carries one, and whoever holds it reads and adds to the conversation. Asks first.
 */
export function RequestLinkReset({ ticketId }: { ticketId: string }) {
  const { api } = useSession();
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);

  async function reset() {
    setStep({ at: 'sending' });
    setProblem(null);
    try {
      const { resetAt } = await api.post<{ resetAt: string }>(`/api/tickets/${ticketId}/request-links/reset`);
      setStep({ at: 'done', resetAt });
    } catch (failure) {
      setProblem(`Links not stopped: ${describeError(failure)}`);
      setStep({ at: 'confirming' });
    }
  }

  return (
    <div className="request-link-reset small">
      {step.at === 'done' ? (
        <p role="status">
          Links sent before <Time at={step.resetAt} exact /> no longer work; the next email carries a new one.
        </p>
      ) : step.at === 'idle' ? (
        <p>
          Each email links the customer to their request page.{' '}
          <button type="button" className="link" onClick={() => setStep({ at: 'confirming' })}>
            Stop the links sent so far…
          </button>
        </p>
      ) : (
        <p>
          Whoever holds an email sent so far loses access to this request; the next email carries a new link.{' '}
          <button type="button" disabled={step.at === 'sending'} onClick={() => void reset()}>
            Stop links
          </button>{' '}
          <button type="button" className="link" onClick={() => setStep({ at: 'idle' })}>
            Cancel
          </button>
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
