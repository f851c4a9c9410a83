import { Injectable } from '@nestjs/common';
import { appendTicketEvent } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';

export interface CsatRatingCommand {
  ticketId: string;
  surveyId: string;
  rating: number;
  comment?: string;
  via: 'link' | 'email';
  /** The inbound mail that carried an emailed rating. */
  mailId?: string;
}

export type RatingOutcome = 'recorded' | 'unchanged';

/**
 * Appends a `csat` event (actor customer). A later rating replaces an earlier one (the KPI
 * engine counts the latest); opening the same link again without a comment records nothing.
 */
@Injectable()
export class RecordCsatRatingUseCase {
  async execute(manager: EntityManager, command: CsatRatingCommand): Promise<RatingOutcome> {
    if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
      throw new RangeError('rating must be an integer from 1 to 5');
    }
    await manager.query(`SELECT id FROM tickets WHERE id = $1 FOR UPDATE`, [command.ticketId]);
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
