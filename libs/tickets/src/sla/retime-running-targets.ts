import { Priority } from '@ledgerdesk/contracts';
import { EntityManager } from 'typeorm';

/**
 * Re-times, in the caller's transaction, the running targets of unresolved tickets from their
 * creation with their priority's current policy: all of one priority (its policy changed), or
 * all under a business-hours policy (the schedule changed). Achieved targets keep the due time
 * they were measured against; the resolution target keeps the time it was paused while pending.
 * Returns how many tickets it re-timed.
 *
 * The same computation as `sla_deadline` (migration SlaPauseWhilePending), with the schedule
 * read once for the whole statement instead of once per ticket.
 */
export async function retimeRunningTargets(
  manager: EntityManager,
  scope: { priority: Priority } | { clock: 'business' },
): Promise<number> {
  const [, retimed] = await manager.query<[unknown, number]>(
    `WITH due AS (
       SELECT t.id, p.clock, p.first_response_minutes * 60 AS first_response_seconds,
              p.resolution_minutes * 60 + t.resolution_paused_seconds AS resolution_seconds
         FROM tickets t JOIN sla_policies p ON p.priority = t.priority
        WHERE t.status NOT IN ('solved', 'closed')
          AND ($1::text IS NULL OR p.priority = $1)
          AND ($2::text IS NULL OR p.clock = $2)
     )
     UPDATE tickets t
        SET resolution_due_at = CASE d.clock
              WHEN 'calendar' THEN t.created_at + make_interval(secs => d.resolution_seconds)
              ELSE business_time_after_seconds(t.created_at, d.resolution_seconds, s.zone, s.weekdays, s.opens,
                                               s.closes, s.holidays)
            END,
            first_response_due_at = CASE
              WHEN t.first_responded_at IS NOT NULL THEN t.first_response_due_at
              WHEN d.clock = 'calendar' THEN t.created_at + make_interval(secs => d.first_response_seconds)
              ELSE business_time_after_seconds(t.created_at, d.first_response_seconds, s.zone, s.weekdays, s.opens,
                                               s.closes, s.holidays)
            END
       FROM due d CROSS JOIN business_schedule_arrays() s
      WHERE t.id = d.id`,
    ['priority' in scope ? scope.priority : null, 'clock' in scope ? scope.clock : null],
  );
  return retimed;
}
