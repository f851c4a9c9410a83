import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { TimelineQuery } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { TicketChangedMessage, TicketEventItem } from '@ledgerdesk/contracts';

export interface ChangedTicket {
  ticket: TicketChangedMessage;
  /** The batch's events of this ticket, in the order they happened. */
  events: TicketEventItem[];
  /** Assignees and teams the ticket had before this batch moved it away (from the events). */
  previousAssigneeIds: string[];
  previousTeamIds: string[];
}

interface TicketRow {
  id: string;
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
 * Committed live events by id, each in the shape of `GET /api/tickets/:id/events` (the same
 * query builds both), grouped by ticket with the ticket's current state.
 */
@Injectable()
export class TicketChangesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: TimelineQuery,
    private readonly config: AppConfig,
  ) {}

  async byEventIds(eventIds: string[]): Promise<ChangedTicket[]> {
    const events = await this.timeline.byEventIds(eventIds, { liveOnly: true });
    if (events.length === 0) return [];
    const tickets = await this.dataSource.query<TicketRow[]>(
      `SELECT id, $2 || '-' || number AS number, subject, status, priority, channel, category, assignee_id,
              team_id, updated_at
         FROM tickets WHERE id = ANY($1::uuid[])`,
      [[...new Set(events.map((event) => event.ticketId))], this.config.ticketNumberPrefix],
    );
    const ticketsById = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const byTicket = new Map<string, ChangedTicket>();
    for (const { ticketId, ...event } of events) {
      const ticket = ticketsById.get(ticketId);
      if (!ticket) continue;
      const lastEvent = {
        id: event.id,
        type: event.type,
        at: event.at,
        actor: { kind: event.actor.kind, id: event.actor.id },
      };
      let changed = byTicket.get(ticketId);
      if (!changed) {
        changed = {
          ticket: {
            ticketId,
            number: ticket.number,
            subject: ticket.subject,
            status: ticket.status,
            priority: ticket.priority,
            channel: ticket.channel,
            category: ticket.category,
            assigneeId: ticket.assignee_id,
            teamId: ticket.team_id,
            updatedAt: ticket.updated_at,
            lastEvent,
          },
          events: [],
          previousAssigneeIds: [],
          previousTeamIds: [],
        };
        byTicket.set(ticketId, changed);
      }
      changed.events.push(event);
      if (BigInt(event.id) > BigInt(changed.ticket.lastEvent.id)) changed.ticket.lastEvent = lastEvent;
      if (event.type === 'ticket.assigned') {
        const previous = idOrNull(event.payload.previousAgentId);
        if (previous) changed.previousAssigneeIds.push(previous);
      }
      if (event.type === 'ticket.team_changed') {
        const previous = idOrNull(event.payload.previousTeamId);
        if (previous) changed.previousTeamIds.push(previous);
      }
    }
    return [...byTicket.values()];
  }
}
