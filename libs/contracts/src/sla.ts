import { Priority } from './ticket-fields';

export const SLA_STATES = ['met', 'breached', 'due_soon', 'pending', 'paused'] as const;
/**
 * - `met`: the target was achieved by its due time;
 * - `breached`: achieved after its due time, or still running past it;
 * - `due_soon`: still running, due within SLA_DUE_SOON_MINUTES;
 * - `pending`: still running, due later;
 * - `paused`: not running: the resolution target while the ticket is pending (waiting for the
 *   customer); the time paused moves its due time on when the pause ends.
 */
export type SlaState = (typeof SLA_STATES)[number];

export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

/** A ticket whose running SLA target is breached or due soon. */
export interface SlaTicketRef {
  ticketId: string;
  /** `LD-1042` */
  number: string;
  subject: string;
  priority: Priority;
  assigneeId: string | null;
  teamId: string | null;
  /** Due time of the running target below. */
  dueAt: Date;
  target: SlaTargetName;
}

export interface SlaAtRisk {
  /** Most overdue first; at most the limit. */
  breached: SlaTicketRef[];
  /** Soonest due first; at most the limit. */
  dueSoon: SlaTicketRef[];
  /** How many there are in all (the lists stop at the limit). */
  breachedCount: number;
  dueSoonCount: number;
}

/** `calendar`: targets count every minute; `business`: only the desk's opening hours. */
export const SLA_CLOCKS = ['calendar', 'business'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** ISO weekday order (1 = Monday … 7 = Sunday). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of the desk, in local wall time of the schedule's time zone. */
export interface OpeningHours {
  day: Weekday;
  /** `HH:MM`, 00:00–23:59 */
  opens: string;
  /** `HH:MM`, after `opens`; `24:00` is midnight at the end of the day. */
  closes: string;
}
