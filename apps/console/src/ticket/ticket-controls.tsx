import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import { CATEGORIES, PRIORITIES, TICKET_STATUSES, type Ticket } from '../shared/api-types';
import { label } from '../shared/format';
import { useAgents } from '../shared/use-agents';
import { LabelledOptions } from '../shared/labelled-options';

interface Props {
  ticket: Ticket;
  onChanged: () => void;
}

/** Status, priority, category, assignee and tags; every change is one PATCH (one event per field). */
export function TicketControls({ ticket, onChanged }: Props) {
  const { api, me } = useSession();
  const agents = useAgents();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tags, setTags] = useState(ticket.tags.join(', '));
  // The tags last sent: Enter sends them, and the blur that follows (the field is disabled while
  // saving, or the agent moves on) comes before the ticket reloads with them; it must not send again.
  const sentTags = useRef<string | null>(null);
  useEffect(() => {
    setTags(ticket.tags.join(', '));
    sentTags.current = null;
  }, [ticket.tags]);

  async function patch(body: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/tickets/${ticket.id}`, body);
      onChanged();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const saveTags = () => {
    const next = tags
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean);
    const key = next.join(',');
    if (key === ticket.tags.join(',') || key === sentTags.current) return;
    sentTags.current = key;
    void patch({ tags: next }).then((saved) => {
      if (!saved) sentTags.current = null;
    });
  };

  const select = (name: 'status' | 'priority' | 'category', values: readonly string[]) => (
    <label className="control">
      <span>{label(name)}</span>
      <select
        name={name}
        aria-label={label(name)}
        value={ticket[name]}
        disabled={busy || ticket.status === 'closed'}
        onChange={(event) => void patch({ [name]: event.target.value })}
      >
        <LabelledOptions values={values} />
      </select>
    </label>
  );

  return (
    <div className="ticket-controls" aria-label="Ticket properties" role="group">
      {select('status', TICKET_STATUSES)}
      {select('priority', PRIORITIES)}
      {select('category', CATEGORIES)}
      <label className="control">
        <span>Assignee</span>
        <select
          name="assignee"
          aria-label="Assignee"
          value={ticket.assignee?.id ?? ''}
          disabled={busy || ticket.status === 'closed'}
          onChange={(event) => void patch({ assigneeId: event.target.value || null })}
        >
          <option value="">Unassigned</option>
          {ticket.assignee && !agents.some((agent) => agent.id === ticket.assignee?.id) && (
            <option value={ticket.assignee.id}>{ticket.assignee.name}</option>
          )}
          {agents
            .filter((agent) => agent.active)
            .map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
        </select>
      </label>
      {ticket.assignee?.id !== me.id && ticket.status !== 'closed' && (
        <button type="button" disabled={busy} onClick={() => void patch({ assigneeId: me.id })}>
          Assign to me
        </button>
      )}
      <label className="control tags">
        <span>Tags</span>
        <input
          name="tags"
          value={tags}
          disabled={busy || ticket.status === 'closed'}
          placeholder="comma, separated"
          onChange={(event) => setTags(event.target.value)}
          onBlur={saveTags}
          onKeyDown={(event) => event.key === 'Enter' && saveTags()}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
