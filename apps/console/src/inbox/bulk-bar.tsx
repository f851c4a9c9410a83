import { useState, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import { PRIORITIES, TICKET_STATUSES, type Ticket } from '../shared/api-types';
import { plural } from '../shared/format';
import { LabelledOptions } from '../shared/labelled-options';
import { useAgents } from '../shared/use-agents';

/** What `PATCH /api/tickets` answers. */
export interface BulkUpdateResult {
  updated: number;
  failed: number;
  results: { ticketId: string; status: number; error?: string }[];
}

const KEEP = '';
const UNASSIGNED = 'none';

/** The outcome in words, naming each ticket that refused and why. */
export function describeOutcome(result: BulkUpdateResult, numberOf: (ticketId: string) => string): string {
  const changed = `Changed ${plural(result.updated, 'ticket')}`;
  if (result.failed === 0) return `${changed}.`;
  const refusals = result.results
    .filter((outcome) => outcome.status !== 200)
    .map((outcome) => `${numberOf(outcome.ticketId)}: ${outcome.error ?? `refused (${outcome.status})`}`);
  return `${changed}; ${result.failed} refused — ${refusals.join('; ')}`;
}

/**
 * Shown while tickets of the inbox are checked: one change (assignee, status, priority) for all
 * of them, in one request; each ticket follows the rules of changing it alone, so the outcome
 * names those that refused and keeps them checked.
 */
export function BulkBar({
  tickets,
  checked,
  onDone,
  onClear,
}: {
  /** The listed tickets (to name the checked ones). */
  tickets: Ticket[];
  checked: ReadonlySet<string>;
  /** After the change: the ids that refused (still checked). */
  onDone: (refused: string[]) => void;
  onClear: () => void;
}) {
  const [outcome, setOutcome] = useState<{ text: string; bad: boolean } | null>(null);
  const message = outcome && (
    <p className={`bulk-outcome${outcome.bad ? ' bad' : ''}`} role="status">
      {outcome.text}
    </p>
  );
  if (checked.size === 0) return message;
  return (
    <BulkChangeForm
      tickets={tickets}
      checked={checked}
      onOutcome={setOutcome}
      onDone={onDone}
      onClear={onClear}
    >
      {message}
    </BulkChangeForm>
  );
}

function BulkChangeForm({
  tickets,
  checked,
  onOutcome,
  onDone,
  onClear,
  children,
}: {
  tickets: Ticket[];
  checked: ReadonlySet<string>;
  onOutcome: (outcome: { text: string; bad: boolean } | null) => void;
  onDone: (refused: string[]) => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const { api } = useSession();
  const agents = useAgents().filter((agent) => agent.active !== false);
  const [assignee, setAssignee] = useState(KEEP);
  const [status, setStatus] = useState(KEEP);
  const [priority, setPriority] = useState(KEEP);
  const [busy, setBusy] = useState(false);

  const changes = {
    ...(assignee !== KEEP ? { assigneeId: assignee === UNASSIGNED ? null : assignee } : {}),
    ...(status !== KEEP ? { status } : {}),
    ...(priority !== KEEP ? { priority } : {}),
  };
  const nothingToDo = Object.keys(changes).length === 0;
  const numberOf = (ticketId: string): string =>
    tickets.find((ticket) => ticket.id === ticketId)?.number ?? ticketId;

  async function apply() {
    setBusy(true);
    onOutcome(null);
    try {
      const result = await api.patch<BulkUpdateResult>('/api/tickets', { ticketIds: [...checked], changes });
      onOutcome({ text: describeOutcome(result, numberOf), bad: result.failed > 0 });
      onDone(result.results.filter((entry) => entry.status !== 200).map((entry) => entry.ticketId));
    } catch (failure) {
      onOutcome({ text: `Nothing changed: ${describeError(failure)}`, bad: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="bulk-bar"
      aria-label="Change the checked tickets"
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      <strong>{plural(checked.size, 'ticket')} checked</strong>
      <label className="filter">
        <span>Assignee</span>
        <select value={assignee} onChange={(event) => setAssignee(event.target.value)}>
          <option value={KEEP}>Keep</option>
          <option value={UNASSIGNED}>Unassigned</option>
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Status</span>
        <select value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value={KEEP}>Keep</option>
          <LabelledOptions values={TICKET_STATUSES.filter((value) => value !== 'new')} />
        </select>
      </label>
      <label className="filter">
        <span>Priority</span>
        <select value={priority} onChange={(event) => setPriority(event.target.value)}>
          <option value={KEEP}>Keep</option>
          <LabelledOptions values={PRIORITIES} />
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || nothingToDo}>
        {busy ? 'Changing…' : `Change ${plural(checked.size, 'ticket')}`}
      </button>
      <button type="button" onClick={onClear} disabled={busy}>
        Uncheck all
      </button>
      {children}
    </form>
  );
}
