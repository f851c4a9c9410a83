import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { formatTicketNumber } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';

export interface TicketKpiExplanation {
  ticketId: string;
  /** True while events of the ticket wait to be projected. */
  pending: boolean;
  facts: Record<string, unknown> | null;
  contributions: {
    kind: string;
    eventId: string;
    eventType: string | null;
    eventAt: Date | null;
    agentId: string | null;
    day: string;
    dimension: string;
    amount: number;
  }[];
}

/** "Explain this number": a ticket's facts and every contribution with the event it came from. */
@Injectable()
export class TicketKpiExplanationQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async explain(ticketId: string): Promise<TicketKpiExplanation> {
    const [ticket] = await this.dataSource.query<{ id: string; pending: boolean }[]>(
      `SELECT t.id, EXISTS (SELECT 1 FROM kpi_pending p WHERE p.ticket_id = t.id) AS pending FROM tickets t WHERE t.id = $1`,
      [ticketId],
    );
    if (!ticket) throw new NotFoundException(`No ticket with id ${ticketId}`);
    const [facts] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT account_id AS "accountId", channel, category, created_at AS "createdAt",
              first_response_at AS "firstResponseAt", first_response_seconds::int AS "firstResponseSeconds",
              first_response_business_seconds::int AS "firstResponseBusinessSeconds",
              first_response_agent_id AS "firstResponseAgentId", first_response_event_id::text AS "firstResponseEventId",
              resolved_at AS "resolvedAt", resolution_seconds::int AS "resolutionSeconds",
              resolution_business_seconds::int AS "resolutionBusinessSeconds",
              resolution_agent_id AS "resolutionAgentId", resolution_event_id::text AS "resolutionEventId",
              agent_contacts AS "agentContacts", contacts_before_resolution AS "contactsBeforeResolution",
              reopens, fcr, fcr_broken_by_ticket_id AS "fcrBrokenByTicketId",
              (SELECT number::text FROM tickets WHERE id = fcr_broken_by_ticket_id) AS "fcrBrokenByTicketNumber",
              handle_seconds::int AS "handleSeconds",
              csat_rating AS "csatRating", csat_agent_id AS "csatAgentId", csat_event_id::text AS "csatEventId",
              csat_surveys AS "csatSurveys", last_event_id::text AS "lastEventId", computed_at AS "computedAt"
         FROM kpi_ticket_facts WHERE ticket_id = $1`,
      [ticketId],
    );
    const contributions = await this.dataSource.query<
      {
        kind: string;
        event_id: string;
        type: string | null;
        at: Date | null;
        agent_id: string | null;
        day: string;
        dimension: string;
        amount: string;
      }[]
    >(
      `SELECT c.kind, c.event_id::text AS event_id, e.type, e.at, c.agent_id, to_char(c.day, 'YYYY-MM-DD') AS day,
              c.dimension, c.amount
         FROM kpi_contributions c LEFT JOIN ticket_events e ON e.id = c.event_id
        WHERE c.ticket_id = $1 ORDER BY e.at NULLS FIRST, c.event_id, c.kind`,
      [ticketId],
    );
    return {
      ticketId,
      pending: ticket.pending,
      facts: facts
        ? {
            ...facts,
            fcrBrokenByTicketNumber:
              typeof facts.fcrBrokenByTicketNumber === 'string'
                ? formatTicketNumber(this.config.ticketNumberPrefix, facts.fcrBrokenByTicketNumber)
                : null,
          }
        : null,
      contributions: contributions.map((row) => ({
        kind: row.kind,
        eventId: row.event_id,
        eventType: row.type,
        eventAt: row.at,
        agentId: row.agent_id,
        day: row.day,
        dimension: row.dimension,
        amount: Number(row.amount),
      })),
    };
  }
}
