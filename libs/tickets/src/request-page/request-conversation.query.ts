import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChatMessage, ChatStatus, TicketStatus } from '@ledgerdesk/contracts';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { formatTicketNumber } from '../ticket-number';
import { statusLine } from './request-status';

export interface RequestConversation {
  number: string;
  subject: string;
  channel: string;
  status: TicketStatus;
  /** A solved ticket the customer can still reopen by writing (REOPEN_WINDOW_DAYS). */
  reopenable: boolean;
  requesterName: string | null;
  /** Changes whenever what the page shows changes (a message, the status): the page polls it. */
  version: string;
  /** When an agent last reset the ticket's request links (links made before then no longer work). */
  linksResetAt: Date | null;
  /** The customer's messages and the desk's public replies, oldest first (no internal notes). */
  messages: ChatMessage[];
}

/** Whether the customer can still add to the request (else: a new request). */
export const acceptsMessages = (conversation: Pick<RequestConversation, 'status' | 'reopenable'>): boolean =>
  conversation.status !== 'closed' && (conversation.status !== 'solved' || conversation.reopenable);

/** The status as a chat shows it. */
export const chatStatus = (
  conversation: Pick<RequestConversation, 'status' | 'reopenable' | 'channel'>,
): ChatStatus => ({
  status: conversation.status,
  acceptsMessages: acceptsMessages(conversation),
  description: statusLine(conversation),
});

const REOPENABLE = `(status = 'solved' AND solved_at > now() - make_interval(days => $2)) AS reopenable`;

/** What a customer's request page shows: the public side of the ticket. */
@Injectable()
export class RequestConversationQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async load(ticketId: string): Promise<RequestConversation | undefined> {
    const [ticket] = await this.dataSource.query<
      {
        number: string;
        subject: string;
        channel: string;
        status: TicketStatus;
        reopenable: boolean;
        requester_name: string | null;
        links_reset_at: Date | null;
      }[]
    >(
      `SELECT number::text AS number, subject, channel, status, requester_name, ${REOPENABLE},
              (SELECT max(at) FROM ticket_events
                WHERE ticket_id = t.id AND type = 'ticket.request_link_reset') AS links_reset_at
         FROM tickets t WHERE id = $1 AND NOT placeholder`,
      [ticketId, this.config.reopenWindowDays],
    );
    if (!ticket) return undefined;
    const messages = await this.dataSource.query<
      { id: string; kind: string; agent_name: string | null; created_at: Date; body_text: string }[]
    >(
      `SELECT m.id, m.kind, a.name AS agent_name, m.created_at, m.body_text
         FROM ticket_messages m LEFT JOIN agents a ON a.id = m.author_agent_id
        WHERE m.ticket_id = $1 AND m.kind IN ('customer', 'reply')
        ORDER BY m.created_at, m.id`,
      [ticketId],
    );
    return {
      number: formatTicketNumber(this.config.ticketNumberPrefix, ticket.number),
      subject: ticket.subject,
      channel: ticket.channel,
      status: ticket.status,
      reopenable: ticket.reopenable,
      version: `${ticket.status}.${ticket.reopenable ? 'r' : ''}.${messages.length}`,
      requesterName: ticket.requester_name,
      linksResetAt: ticket.links_reset_at,
      messages: messages.map((message) => ({
        id: message.id,
        from: message.kind === 'customer' ? 'customer' : 'desk',
        agentName: message.kind === 'customer' ? null : (message.agent_name?.split(/\s+/)[0] ?? null),
        at: message.created_at,
        text: message.body_text,
      })),
    };
  }

  /** What a chat shows of the ticket's status. */
  async statusOf(ticketId: string): Promise<ChatStatus | undefined> {
    const [ticket] = await this.dataSource.query<
      { status: TicketStatus; reopenable: boolean; channel: string }[]
    >(`SELECT status, channel, ${REOPENABLE} FROM tickets WHERE id = $1 AND NOT placeholder`, [
      ticketId,
      this.config.reopenWindowDays,
    ]);
    return ticket && chatStatus(ticket);
  }
}
