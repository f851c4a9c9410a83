import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { TicketChangedMessage, TicketEventItem } from '../protocol/live-messages';

export interface ChangedTicket {
  ticket: TicketChangedMessage;
  /** The batch's events of this ticket, in the order they happened. */
  events: TicketEventItem[];
  /** Assignees and teams the ticket had before this batch moved it away (from the events). */
  previousAssigneeIds: string[];
  previousTeamIds: string[];
}

interface Row {
  id: string;
  ticket_id: string;
  type: string;
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
  call_id: string | null;
  call_notes: string | null;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string;
  assignee_id: string | null;
  team_id: string | null;
  updated_at: Date;
}

const idOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Committed events by id, each in the shape of `GET /api/tickets/:id/events` (the e2e tests
 * compare the two), grouped by ticket with the ticket's current state: one query per batch.
 */
@Injectable()
export class TicketChangesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async byEventIds(eventIds: string[]): Promise<ChangedTicket[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT e.id::text AS id, e.ticket_id, e.type, e.at, e.recorded_at, e.source, e.actor_kind, e.actor_id,
              a.name AS actor_name, e.payload,
              m.id AS message_id, m.kind AS message_kind, m.body_html, m.body_text,
              c.id AS call_id, c.notes AS call_notes,
              $2 || '-' || t.number AS number, t.subject, t.status, t.priority, t.channel, t.category,
              t.assignee_id, t.team_id, t.updated_at
         FROM ticket_events e
         JOIN tickets t ON t.id = e.ticket_id
         LEFT JOIN agents a ON a.id = e.actor_id
         LEFT JOIN ticket_messages m ON m.event_id = e.id
         LEFT JOIN ticket_calls c ON c.event_id = e.id
        WHERE e.id = ANY($1::bigint[]) AND e.source = 'live'
        ORDER BY e.ticket_id, e.at, e.id`,
      [eventIds, this.config.ticketNumberPrefix],
    );
    const byTicket = new Map<string, ChangedTicket>();
    for (const row of rows) {
      let changed = byTicket.get(row.ticket_id);
      if (!changed) {
        changed = {
          ticket: {
            ticketId: row.ticket_id,
            number: row.number,
            subject: row.subject,
            status: row.status,
            priority: row.priority,
            channel: row.channel,
            category: row.category,
            assigneeId: row.assignee_id,
            teamId: row.team_id,
            updatedAt: row.updated_at,
            lastEvent: {
              id: row.id,
              type: row.type,
              at: row.at,
              actor: { kind: row.actor_kind, id: row.actor_id },
            },
          },
          events: [],
          previousAssigneeIds: [],
          previousTeamIds: [],
        };
        byTicket.set(row.ticket_id, changed);
      }
      changed.events.push(toEventItem(row));
      if (BigInt(row.id) > BigInt(changed.ticket.lastEvent.id)) {
        changed.ticket.lastEvent = {
          id: row.id,
          type: row.type,
          at: row.at,
          actor: { kind: row.actor_kind, id: row.actor_id },
        };
      }
      const previous =
        row.type === 'ticket.assigned'
          ? idOrNull(row.payload.previousAgentId)
          : row.type === 'ticket.team_changed'
            ? idOrNull(row.payload.previousTeamId)
            : null;
      if (previous && row.type === 'ticket.assigned') changed.previousAssigneeIds.push(previous);
      if (previous && row.type === 'ticket.team_changed') changed.previousTeamIds.push(previous);
    }
    return [...byTicket.values()];
  }
}

function toEventItem(row: Row): TicketEventItem {
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
          },
        }
      : {}),
    ...(row.call_id ? { call: { id: row.call_id, notes: row.call_notes } } : {}),
  };
}
