import { SlaState, TicketStatus } from '@ledgerdesk/contracts';

export interface SlaTargetStatus {
  dueAt: Date;
  /** When the target stopped running (achieved), null while it runs. */
  completedAt: Date | null;
  /** Since when the target is paused (resolution while the ticket is pending), else null. */
  pausedSince: Date | null;
  state: SlaState;
}

export interface TicketSla {
  firstResponse: SlaTargetStatus;
  resolution: SlaTargetStatus;
}

/** The stored SLA columns of a ticket. */
export interface TicketSlaFacts {
  status: TicketStatus;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  resolutionPausedSince: Date | null;
}

export function slaTargetState(
  dueAt: Date,
  completedAt: Date | null,
  now: Date,
  dueSoonMinutes: number,
  pausedSince: Date | null = null,
): SlaState {
  if (completedAt) return completedAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  if (pausedSince) return 'paused';
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  return left <= dueSoonMinutes * 60_000 ? 'due_soon' : 'pending';
}

const earliest = (a: Date | null, b: Date | null): Date | null => (a && b ? (a < b ? a : b) : (a ?? b));

const isDone = (status: TicketStatus): boolean => status === 'solved' || status === 'closed';

/**
 * A ticket's two targets. Resolution stops at the solve (or a close without solve) and runs
 * again after a reopen, still due from the original creation; it is paused while the ticket is
 * pending (its due time then moves on by the pause when the pause ends). First response stops
 * at the first agent contact, or at the solve (or close) when that comes first.
 * Must agree with `tickets.sla_due_at` (migration SlaPauseWhilePending), which the filters use.
 */
export function ticketSla(facts: TicketSlaFacts, now: Date, dueSoonMinutes: number): TicketSla {
  const resolvedAt = isDone(facts.status) ? (facts.solvedAt ?? facts.closedAt ?? now) : null;
  const respondedAt = earliest(facts.firstRespondedAt, resolvedAt);
  const target = (
    dueAt: Date,
    completedAt: Date | null,
    pausedSince: Date | null = null,
  ): SlaTargetStatus => ({
    dueAt,
    completedAt,
    pausedSince: completedAt ? null : pausedSince,
    state: slaTargetState(dueAt, completedAt, now, dueSoonMinutes, pausedSince),
  });
  return {
    firstResponse: target(facts.firstResponseDueAt, respondedAt),
    resolution: target(facts.resolutionDueAt, resolvedAt, facts.resolutionPausedSince),
  };
}
