import { newRowId } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { CustomerAccountResolver } from '../billing/billing-ports';
import { MessageBody } from '../message-body/message-body';
import { BillingCategory, Channel, TicketStatus } from '@ledgerdesk/contracts';

export interface CustomerTicketCommand {
  channel: Channel;
  subject: string;
  body: MessageBody;
  requester: { email: string; name?: string | null };
  /** The closed (or long-solved) ticket this one follows up. */
  followUpOf?: { id: string; number: string };
  /** Why the ticket was opened instead of appending (e.g. the thread-hijack guard). */
  heldFrom?: { id: string; number: string; reason: string };
  tags?: string[];
  /** The team whose queue it lands in; none leaves it for a supervisor to route. */
  teamId?: string | null;
  /** What it is about, when the customer said (a contact form's choice); else `other`. */
  category?: BillingCategory;
}

export type CustomerReplyResult =
  | { kind: 'appended'; messageId: string; reopened: boolean }
  | { kind: 'follow_up_required'; status: TicketStatus };

export interface CustomerReplyOptions {
  /** Recorded on the `ticket.reopened` event. */
  reason?: string;
  /**
   * Append without changing the status: no reopen of a solved ticket, no pending → open (e.g. an
   * answer to a satisfaction survey).
   */
  keepStatus?: boolean;
}

interface TicketState {
  status: TicketStatus;
  withinWindow: boolean;
}

interface NewTicket {
  id: string;
  subject: string;
  channel: Channel;
  requester_email: string;
  requester_name: string | null;
  tags: string[];
  account_id: string | null;
  team_id: string | null;
  category: BillingCategory;
}

interface NewEvent {
  ticket_id: string;
  type: 'ticket.created' | 'ticket.reopened' | 'ticket.status_changed' | 'message';
  payload: Record<string, unknown>;
}

interface NewMessage {
  id: string;
  ticket_id: string;
  html: string;
  text: string;
}

const CUSTOMER = 'customer';
/** Statuses a customer's message takes back to open, as a solve is reopened. */
const WAITING_ON_CUSTOMER_OR_THIRD_PARTY: TicketStatus[] = ['pending', 'on_hold'];

/**
 * Customer messages (new tickets and replies) from one intake batch, decided one by one in
 * arrival order and written set-based in the caller's transaction: one statement each for the
 * new tickets, the touched tickets, the events (in order) and the messages. The same rules as
 * one message at a time: a reply to a solved ticket within the reopen window reopens it
 * (`ticket.reopened`, actor customer); a closed ticket, or one solved longer ago, needs a
 * follow-up. Replies need their tickets `lock`ed first (row locks in id order, so two batches
 * never deadlock on each other).
 */
export class CustomerMessageBatch {
  private readonly states = new Map<string, TicketState>();
  private readonly numbers = new Map<string, string>();
  private tickets: NewTicket[] = [];
  private events: NewEvent[] = [];
  private messages: NewMessage[] = [];
  /** Tickets a message was appended to: whether it takes them (back) to open. */
  private touched = new Map<string, boolean>();

  constructor(
    private readonly options: { reopenWindowDays: number },
    private readonly accounts?: CustomerAccountResolver,
  ) {}

  async lock(manager: EntityManager, ticketIds: string[]): Promise<void> {
    const ids = [...new Set(ticketIds)].filter((id) => !this.states.has(id)).sort();
    if (ids.length === 0) return;
    const rows = await manager.query<{ id: string; status: TicketStatus; within_window: boolean }[]>(
      `SELECT id, status, coalesce(solved_at > now() - make_interval(days => $2::int), false) AS within_window
         FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids, this.options.reopenWindowDays],
    );
    for (const row of rows) this.states.set(row.id, { status: row.status, withinWindow: row.within_window });
  }

  /**
   * A customer opens a ticket by writing in: `ticket.created` and the first `message`, both by
   * the customer. The account is only ever linked through a verified contact address.
   */
  async open(
    manager: EntityManager,
    command: CustomerTicketCommand,
  ): Promise<{ ticketId: string; messageId: string }> {
    const requester = {
      email: command.requester.email.trim().toLowerCase(),
      phone: null,
      name: command.requester.name?.trim() || null,
    };
    const accountId = (await this.accounts?.byContact(manager, { email: requester.email })) ?? null;
    const tags = [...new Set([...(command.tags ?? []), ...(command.followUpOf ? ['follow-up'] : [])])];
    const subject = command.subject.trim().slice(0, 300) || '(no subject)';
    const id = newRowId();
    this.tickets.push({
      id,
      subject,
      channel: command.channel,
      requester_email: requester.email,
      requester_name: requester.name,
      tags,
      account_id: accountId,
      team_id: command.teamId ?? null,
      category: command.category ?? 'other',
    });
    this.states.set(id, { status: 'new', withinWindow: false });
    this.events.push({
      ticket_id: id,
      type: 'ticket.created',
      payload: {
        channel: command.channel,
        subject,
        category: command.category ?? 'other',
        priority: 'normal',
        requester,
        teamId: command.teamId ?? null,
        tags,
        accountId,
        ...(command.followUpOf ? { followUpOf: command.followUpOf.id } : {}),
        ...(command.heldFrom ? { heldFrom: command.heldFrom } : {}),
      },
    });
    return { ticketId: id, messageId: this.message(id, command.body) };
  }

  /** A customer's message on a ticket this batch locked (or opened). */
  append(ticketId: string, body: MessageBody, options: CustomerReplyOptions = {}): CustomerReplyResult {
    const state = this.states.get(ticketId);
    if (!state) throw new Error(`ticket ${ticketId} not found`);
    if (
      state.status === 'closed' ||
      (state.status === 'solved' && !options.keepStatus && !state.withinWindow)
    ) {
      return { kind: 'follow_up_required', status: state.status };
    }
    const reopened = state.status === 'solved' && !options.keepStatus;
    // The customer answered what the desk was waiting for: the ticket needs an agent again.
    const answered = WAITING_ON_CUSTOMER_OR_THIRD_PARTY.includes(state.status) && !options.keepStatus;
    if (reopened || answered) {
      this.events.push({
        ticket_id: ticketId,
        type: reopened ? 'ticket.reopened' : 'ticket.status_changed',
        payload: { from: state.status, to: 'open', reason: options.reason ?? 'customer_reply' },
      });
      state.status = 'open';
      state.withinWindow = false;
    }
    this.touched.set(ticketId, reopened || answered || (this.touched.get(ticketId) ?? false));
    return { kind: 'appended', messageId: this.message(ticketId, body), reopened };
  }

  /** The number of a ticket this batch opened (known once flushed). */
  numberOf(ticketId: string): string | undefined {
    return this.numbers.get(ticketId);
  }

  /** Writes what was decided so far. */
  async flush(manager: EntityManager): Promise<void> {
    const [tickets, events, messages, touched] = [this.tickets, this.events, this.messages, this.touched];
    this.tickets = [];
    this.events = [];
    this.messages = [];
    this.touched = new Map();
    if (tickets.length > 0) {
      const rows = await manager.query<{ id: string; number: string }[]>(
        `INSERT INTO tickets (id, subject, channel, requester_email, requester_name, tags, customer_account_id, team_id,
                              category)
         SELECT t.id, t.subject, t.channel, t.requester_email, t.requester_name,
                ARRAY(SELECT jsonb_array_elements_text(t.tags)), t.account_id, t.team_id, t.category
           FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id uuid, subject text, channel text,
                  requester_email text, requester_name text, tags jsonb, account_id uuid, team_id uuid,
                  category text)) WITH ORDINALITY
             AS t(id, subject, channel, requester_email, requester_name, tags, account_id, team_id, category, ord)
          ORDER BY t.ord
         RETURNING id, number`,
        [JSON.stringify(tickets)],
      );
      for (const row of rows) this.numbers.set(row.id, String(row.number));
    }
    const openedNow = new Set(tickets.map((ticket) => ticket.id));
    const updates = [...touched].filter(([id, toOpen]) => toOpen || !openedNow.has(id));
    if (updates.length > 0) {
      await manager.query(
        `UPDATE tickets t
            SET updated_at = now(),
                status = CASE WHEN u.to_open THEN 'open' ELSE t.status END,
                solved_at = CASE WHEN u.to_open THEN NULL ELSE t.solved_at END
           FROM unnest($1::uuid[], $2::boolean[]) AS u(id, to_open)
          WHERE t.id = u.id`,
        [updates.map(([id]) => id), updates.map(([, toOpen]) => toOpen)],
      );
    }
    if (events.length === 0) return;
    for (const event of events) {
      if (event.type === 'ticket.created') {
        event.payload = { number: Number(this.numbers.get(event.ticket_id)), ...event.payload };
      }
    }
    const stored = await manager.query<{ id: string; at: Date; message_id: string | null }[]>(
      `INSERT INTO ticket_events (ticket_id, type, actor_kind, payload)
       SELECT e.ticket_id, e.type, '${CUSTOMER}', e.payload
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (ticket_id uuid, type text, payload jsonb))
              WITH ORDINALITY AS e(ticket_id, type, payload, ord)
        ORDER BY e.ord
       RETURNING id, at, payload->>'messageId' AS message_id`,
      [JSON.stringify(events)],
    );
    if (messages.length === 0) return;
    const eventOf = new Map(stored.filter((row) => row.message_id).map((row) => [row.message_id!, row]));
    await manager.query(
      `INSERT INTO ticket_messages (id, ticket_id, event_id, kind, author_agent_id, body_html, body_text, created_at)
       SELECT m.id, m.ticket_id, m.event_id, '${CUSTOMER}', NULL, m.html, m.text, m.at
         FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, ticket_id uuid, event_id bigint, html text, text text, at timestamptz)`,
      [
        JSON.stringify(
          messages.map((message) => {
            const event = eventOf.get(message.id)!;
            return { ...message, event_id: event.id, at: event.at };
          }),
        ),
      ],
    );
  }

  private message(ticketId: string, body: MessageBody): string {
    const id = newRowId();
    this.messages.push({ id, ticket_id: ticketId, html: body.html, text: body.text });
    this.events.push({
      ticket_id: ticketId,
      type: 'message',
      payload: { messageId: id, author: 'customer', visibility: 'public' },
    });
    return id;
  }
}
