import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CUSTOMER_ACCOUNT_RESOLVER, CustomerAccountResolver } from '../billing/billing-ports';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { MessageBody } from '../message-body/message-body';
import { insertMessage } from '../messages/insert-message';
import { Channel, TicketStatus } from '../ticket-fields';

const CUSTOMER = { kind: 'customer' as const };

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
}

export interface CustomerTicketOpened {
  ticketId: string;
  number: string;
  messageId: string;
}

/**
 * A customer opens a ticket by writing in (email): `ticket.created` and the first `message`,
 * both by the customer. The account is only ever linked through a verified contact address.
 * Runs inside the caller's transaction so the mail row and the ticket commit together.
 */
@Injectable()
export class OpenCustomerTicketUseCase {
  constructor(
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(manager: EntityManager, command: CustomerTicketCommand): Promise<CustomerTicketOpened> {
    const requester = {
      email: command.requester.email.trim().toLowerCase(),
      phone: null,
      name: command.requester.name?.trim() || null,
    };
    const accountId = (await this.accounts?.byContact(manager, { email: requester.email })) ?? null;
    const tags = [...new Set([...(command.tags ?? []), ...(command.followUpOf ? ['follow-up'] : [])])];
    const subject = command.subject.trim().slice(0, 300) || '(no subject)';
    const [ticket] = await manager.query<{ id: string; number: string }[]>(
      `INSERT INTO tickets (subject, channel, requester_email, requester_name, tags, customer_account_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, number`,
      [subject, command.channel, requester.email, requester.name, tags, accountId],
    );
    await appendTicketEvent(manager, {
      ticketId: ticket.id,
      type: 'ticket.created',
      actor: CUSTOMER,
      payload: {
        number: Number(ticket.number),
        channel: command.channel,
        subject,
        category: 'other',
        priority: 'normal',
        requester,
        teamId: null,
        tags,
        accountId,
        ...(command.followUpOf ? { followUpOf: command.followUpOf.id } : {}),
        ...(command.heldFrom ? { heldFrom: command.heldFrom } : {}),
      },
    });
    const message = await insertMessage(manager, ticket.id, 'customer', command.body, CUSTOMER);
    return { ticketId: ticket.id, number: String(ticket.number), messageId: message.id };
  }
}

export type CustomerReplyResult =
  | { kind: 'appended'; messageId: string; reopened: boolean }
  | { kind: 'follow_up_required'; status: TicketStatus };

/**
 * A customer's message on an existing ticket. A reply to a solved ticket within the reopen window
 * reopens it (`ticket.reopened`, actor customer); a closed ticket, or one solved longer ago, is
 * final: the caller opens a follow-up. Locks the ticket; runs inside the caller's transaction.
 */
@Injectable()
export class AddCustomerMessageUseCase {
  async execute(
    manager: EntityManager,
    ticketId: string,
    body: MessageBody,
    options: { reopenWindowDays: number; reason?: string },
  ): Promise<CustomerReplyResult> {
    const [ticket] = await manager.query<{ status: TicketStatus; within_window: boolean }[]>(
      `SELECT status, coalesce(solved_at > now() - make_interval(days => $2::int), false) AS within_window
         FROM tickets WHERE id = $1 FOR UPDATE`,
      [ticketId, options.reopenWindowDays],
    );
    if (!ticket) throw new Error(`ticket ${ticketId} not found`);
    if (ticket.status === 'closed' || (ticket.status === 'solved' && !ticket.within_window)) {
      return { kind: 'follow_up_required', status: ticket.status };
    }
    const reopened = ticket.status === 'solved';
    if (reopened) {
      await manager.query(
        `UPDATE tickets SET status = 'open', solved_at = NULL, updated_at = now() WHERE id = $1`,
        [ticketId],
      );
      await appendTicketEvent(manager, {
        ticketId,
        type: 'ticket.reopened',
        actor: CUSTOMER,
        payload: { from: 'solved', to: 'open', reason: options.reason ?? 'customer_reply' },
      });
    } else {
      await manager.query(`UPDATE tickets SET updated_at = now() WHERE id = $1`, [ticketId]);
    }
    const message = await insertMessage(manager, ticketId, 'customer', body, CUSTOMER);
    return { kind: 'appended', messageId: message.id, reopened };
  }
}
