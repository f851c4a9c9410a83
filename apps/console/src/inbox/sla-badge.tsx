import type { SlaTarget, Ticket } from '../shared/api-types';
import { Time } from '../shared/time';

/** The running SLA target that is due first (first response before resolution). */
export function runningTarget(ticket: Ticket): { name: string; target: SlaTarget } | null {
  if (!ticket.sla) return null;
  const running = [
    { name: 'First response', target: ticket.sla.firstResponse },
    { name: 'Resolution', target: ticket.sla.resolution },
  ].filter((item) => item.target && item.target.completedAt === null);
  running.sort((a, b) => a.target.dueAt.localeCompare(b.target.dueAt));
  return running[0] ?? null;
}

export function SlaBadge({ ticket }: { ticket: Ticket }) {
  const running = runningTarget(ticket);
  if (!running) return <span className="muted">—</span>;
  const { state } = running.target;
  return (
    <span className={`sla sla-${state}`} title={`${running.name} target`}>
      {state === 'breached' ? 'Breached · ' : state === 'due_soon' ? 'Due soon · ' : ''}
      <Time at={running.target.dueAt} />
    </span>
  );
}
