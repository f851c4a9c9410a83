import { Injectable } from '@nestjs/common';
import { appendTicketEvent } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';
import { surveyStanding } from '../surveys/survey-standing';

export interface CsatRatingCommand {
  ticketId: string;
  surveyId: string;
  rating: number;
  comment?: string;
  via: 'link' | 'email';
  /** The inbound mail that carried an emailed rating. */
  mailId?: string;
}

/**
 * `closed`: the ticket is closed (final), `reopened`: the surveyed solve was undone since — in
 * both cases nothing is recorded (see `SurveyStanding`); `missing`: no such sent survey.
 */
export type RatingOutcome = 'recorded' | 'unchanged' | 'closed' | 'reopened' | 'missing';

/**
 * Appends a `csat` event (actor customer) while the survey still stands (checked under the
 * ticket's lock, so a reopen or close that commits first wins). A later rating replaces an
 * earlier one (the KPI engine counts the latest); opening the same link again without a comment
 * records nothing.
 */
@Injectable()
export class RecordCsatRatingUseCase {
  async execute(manager: EntityManager, command: CsatRatingCommand): Promise<RatingOutcome> {
    if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
      throw new RangeError('rating must be an integer from 1 to 5');
    }
    await manager.query(`SELECT id FROM tickets WHERE id = $1 FOR UPDATE`, [command.ticketId]);
    const standing = await surveyStanding(manager, command.surveyId, command.ticketId);
    if (standing !== 'open') return standing;
    const comment = command.comment?.trim().slice(0, 5000) || undefined;
    const [latest] = await manager.query<{ payload: { rating?: number } }[]>(
      `SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'csat' ORDER BY id DESC LIMIT 1`,
      [command.ticketId],
    );
    if (!comment && latest && Number(latest.payload.rating) === command.rating) return 'unchanged';
    await appendTicketEvent(manager, {
      ticketId: command.ticketId,
      type: 'csat',
      actor: { kind: 'customer' },
      payload: {
        rating: command.rating,
        ...(comment ? { comment } : {}),
        via: command.via,
        surveyId: command.surveyId,
        ...(command.mailId ? { mailId: command.mailId } : {}),
      },
    });
    return 'recorded';
  }
}
