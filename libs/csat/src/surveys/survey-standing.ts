import { EntityManager } from 'typeorm';

/**
 * Whether a survey can still take a rating, read under the ticket's lock by whoever records one:
 * - `open`: sent, and the solve it asks about stands (the ticket is solved by it, or pending a
 *   close) — a rating counts;
 * - `reopened`: the ticket was reopened after the surveyed solve: that solve was undone, so a
 *   rating would be credited to work that no longer stands (a later solve gets its own survey);
 * - `closed`: the ticket is closed, which is final: it takes no more ratings;
 * - `missing`: no such sent survey of that ticket.
 */
export type SurveyStanding = 'open' | 'reopened' | 'closed' | 'missing';

export interface SurveyStandingRow {
  status: string;
  ticket_status: string;
  reopened: boolean;
}

/** The SQL columns `standingOf` reads; `s` is the `csat_surveys` row, `t` its ticket. */
export const SURVEY_STANDING_COLUMNS = `s.status, t.status AS ticket_status,
  EXISTS (SELECT 1 FROM ticket_events e
           WHERE e.ticket_id = s.ticket_id AND e.id > s.solved_event_id AND e.type = 'ticket.reopened') AS reopened`;

export function standingOf(row: SurveyStandingRow | undefined): SurveyStanding {
  if (!row || row.status !== 'sent') return 'missing';
  if (row.ticket_status === 'closed') return 'closed';
  if (row.reopened) return 'reopened';
  return 'open';
}

/** The standing of survey `surveyId` of ticket `ticketId`. */
export async function surveyStanding(
  manager: EntityManager,
  surveyId: string,
  ticketId: string,
): Promise<SurveyStanding> {
  const [row] = await manager.query<SurveyStandingRow[]>(
    `SELECT ${SURVEY_STANDING_COLUMNS}
       FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.id = $1 AND s.ticket_id = $2`,
    [surveyId, ticketId],
  );
  return standingOf(row);
}
