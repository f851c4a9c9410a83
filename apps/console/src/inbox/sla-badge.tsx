import type { SlaTarget, Ticket } from '../shared/api-types';
import { Time } from '../shared/time';

/**
 * The SLA target to show: the running one due first (first response before resolution), else a
 * paused one (the resolution while the ticket waits for its customer).
 */
export function runningTarget(ticket: Ticket): { name: string; target: SlaTarget } | null {
  if (!ticket.sla) return null;
  const open = [
    { name: 'First response', target: ticket.sla.firstResponse },
    { name: 'Resolution', target: ticket.sla.resolution },
  ].filter((item) => item.target && item.target.completedAt === null);
  const running = open.filter((item) => item.target.state !== 'paused');
  running.sort((a, b) => a.target.dueAt.localeCompare(b.target.dueAt));
  return running[0] ?? open[0] ?? null;
}

export function SlaBadge({ ticket }: { ticket: Ticket }) {
  const running = runningTarget(ticket);
  if (!running) return <span className="muted">—</span>;
  const { state, pausedSince, dueAt } = running.target;
  if (state === 'paused' && pausedSince) {
    return (
      <span
        className="sla sla-paused"
        title={`${running.name} target paused while the ticket waits for the customer`}
      >
        Paused since <Time at={pausedSince} />
      </span>
    );
  }
  return (
    <span className={`sla sla-${state}`} title={`${running.name} target`}>
      {state === 'breached' ? 'Breached · ' : state === 'due_soon' ? 'Due soon · ' : ''}
      <Time at={dueAt} />
    </span>
  );
}
