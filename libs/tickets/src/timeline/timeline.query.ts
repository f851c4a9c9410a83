import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { SenderVerdict, TicketEventItem } from '@ledgerdesk/contracts';
import { DataSource } from 'typeorm';
import { TICKET_EVENT_TYPES, TicketEventType } from '../event-log/ticket-event-type';

export class TimelineActor {
  @ApiProperty({ enum: ['agent', 'customer', 'system'] }) kind!: string;
  @ApiPropertyOptional({ nullable: true }) id!: string | null;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
}

export class TimelineEntry {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: TICKET_EVENT_TYPES }) type!: TicketEventType;
  @ApiProperty({ description: 'When it happened (UTC)' }) at!: Date;
  @ApiProperty({ description: 'When the log recorded it' }) recordedAt!: Date;
  @ApiProperty({ enum: ['live', 'import'] }) source!: string;
  @ApiProperty({ type: TimelineActor }) actor!: TimelineActor;
  @ApiProperty() payload!: Record<string, unknown>;
  @ApiPropertyOptional({
    description:
      'For message events; `sender`: for a message that came by email, what SPF, DKIM and DMARC said of its sender (null: not checked)',
  })
  message?: TicketEventItem['message'];
  @ApiPropertyOptional({ description: 'For call events' }) call?: { id: string; notes: string | null };
}

interface TimelineRow {
  id: string;
  ticket_id: string;
  type: TicketEventType;
  at: Date;
  recorded_at: Date;
  source: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  payload: Record<string, unknown>;
  message_id: string | null;
  message_kind: string | null;
  body_html: string | null;
  body_text: string | null;
  by_email: boolean;
  sender_verdict: SenderVerdict | null;
  sender_reason: string | null;
  call_id: string | null;
  call_notes: string | null;
}

/** An entry of the log with the ticket it belongs to. */
export type TicketTimelineEntry = TimelineEntry & { ticketId: string };

const TIMELINE_SELECT = `
  SELECT e.id::text AS id, e.ticket_id, e.type, e.at, e.recorded_at, e.source, e.actor_kind, e.actor_id,
         a.name AS actor_name, e.payload,
         m.id AS message_id, m.kind AS message_kind, m.body_html, m.body_text,
         mail.id IS NOT NULL AS by_email, mail.sender_authentication->>'verdict' AS sender_verdict,
         mail.sender_authentication->>'reason' AS sender_reason,
         c.id AS call_id, c.notes AS call_notes
    FROM ticket_events e
    LEFT JOIN agents a ON a.id = e.actor_id
    LEFT JOIN ticket_messages m ON m.event_id = e.id
    LEFT JOIN LATERAL (SELECT id, sender_authentication FROM mail_messages
                        WHERE ticket_id = e.ticket_id AND ticket_message_id = m.id AND direction = 'inbound'
                        LIMIT 1) mail ON m.kind = 'customer'
    LEFT JOIN ticket_calls c ON c.event_id = e.id`;

/** A ticket's interaction log in the order things happened, with message bodies and call notes. */
@Injectable()
export class TimelineQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forTicket(ticketId: string): Promise<TimelineEntry[]> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `${TIMELINE_SELECT} WHERE e.ticket_id = $1 ORDER BY e.at, e.id`,
      [ticketId],
    );
    return rows.map(({ ticket_id: _ticketId, ...row }) => toEntry(row));
  }

  /** These events (live ones only, when asked), by ticket then in the order they happened. */
  async byEventIds(eventIds: string[], options: { liveOnly?: boolean } = {}): Promise<TicketTimelineEntry[]> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `${TIMELINE_SELECT}
        WHERE e.id = ANY($1::bigint[]) ${options.liveOnly ? `AND e.source = 'live'` : ''}
        ORDER BY e.ticket_id, e.at, e.id`,
      [eventIds],
    );
    return rows.map((row) => ({ ticketId: row.ticket_id, ...toEntry(row) }));
  }
}

function toEntry(row: Omit<TimelineRow, 'ticket_id'>): TimelineEntry {
  return {
    id: row.id,
    type: row.type,
    at: row.at,
    recordedAt: row.recorded_at,
    source: row.source,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    payload: row.payload,
    ...(row.message_id
      ? {
          message: {
            id: row.message_id,
            kind: row.message_kind ?? '',
            bodyHtml: row.body_html ?? '',
            bodyText: row.body_text ?? '',
            ...(row.by_email
              ? {
                  sender: row.sender_verdict
                    ? { verdict: row.sender_verdict, reason: row.sender_reason ?? '' }
                    : null,
                }
              : {}),
          },
        }
      : {}),
    ...(row.call_id ? { call: { id: row.call_id, notes: row.call_notes } } : {}),
  };
}
