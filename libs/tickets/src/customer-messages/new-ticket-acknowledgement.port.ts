import { EntityManager } from 'typeorm';

/**
 * The port the mail domain implements for tickets, so tickets never import it: a customer who
 * opened a ticket (by email or the contact form) is told it was received and under which number.
 */
export const NEW_TICKET_ACKNOWLEDGEMENT = Symbol('NEW_TICKET_ACKNOWLEDGEMENT');

export interface NewTicketAcknowledgement {
  /**
   * Queues the acknowledgement of these customer-opened tickets, in the caller's transaction
   * (after their rows and first messages are written). Returns how many were queued: none when
   * acknowledgements are switched off, and none for a ticket without a requester email.
   */
  queue(manager: EntityManager, ticketIds: readonly string[]): Promise<number>;
}
