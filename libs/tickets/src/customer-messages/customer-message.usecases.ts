import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CUSTOMER_ACCOUNT_RESOLVER, CustomerAccountResolver } from '../billing/billing-ports';
import { MessageBody } from '../message-body/message-body';
import {
  CustomerMessageBatch,
  CustomerReplyOptions,
  CustomerReplyResult,
  CustomerTicketCommand,
} from './customer-message-batch';

export type { CustomerReplyResult, CustomerTicketCommand } from './customer-message-batch';

export interface CustomerTicketOpened {
  ticketId: string;
  number: string;
  messageId: string;
}

/**
 * A customer opens a ticket by writing in (email): `ticket.created` and the first `message`,
 * both by the customer. Runs inside the caller's transaction so the mail row and the ticket
 * commit together. `batch` writes many customer messages (new tickets and replies) set-based.
 */
@Injectable()
export class OpenCustomerTicketUseCase {
  constructor(
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(manager: EntityManager, command: CustomerTicketCommand): Promise<CustomerTicketOpened> {
    const batch = this.batch({ reopenWindowDays: 0 });
    const opened = await batch.open(manager, command);
    await batch.flush(manager);
    return { ...opened, number: batch.numberOf(opened.ticketId)! };
  }

  batch(options: { reopenWindowDays: number }): CustomerMessageBatch {
    return new CustomerMessageBatch(options, this.accounts);
  }
}

/**
 * A customer's message on an existing ticket. A reply to a solved ticket within the reopen window
 * reopens it (`ticket.reopened`, actor customer) unless `keepStatus`; a closed ticket, or one
 * solved longer ago, is final: the caller opens a follow-up. Locks the ticket; runs inside the
 * caller's transaction.
 */
@Injectable()
export class AddCustomerMessageUseCase {
  async execute(
    manager: EntityManager,
    ticketId: string,
    body: MessageBody,
    options: { reopenWindowDays: number } & CustomerReplyOptions,
  ): Promise<CustomerReplyResult> {
    const batch = new CustomerMessageBatch({ reopenWindowDays: options.reopenWindowDays });
    await batch.lock(manager, [ticketId]);
    const result = batch.append(ticketId, body, options);
    await batch.flush(manager);
    return result;
  }
}
