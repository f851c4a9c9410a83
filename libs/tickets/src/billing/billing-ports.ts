import { EntityManager } from 'typeorm';

/**
 * Ports the customer-accounts domain implements for tickets, so tickets never import it:
 * finding a ticket's account and describing its billing context.
 */
export const CUSTOMER_ACCOUNT_RESOLVER = Symbol('CUSTOMER_ACCOUNT_RESOLVER');
export const TICKET_BILLING_CONTEXT = Symbol('TICKET_BILLING_CONTEXT');

export interface CustomerAccountResolver {
  /** Whether an account with this id exists. */
  exists(manager: EntityManager, accountId: string): Promise<boolean>;
  /** The account with this number, if any. */
  byNumber(manager: EntityManager, number: string): Promise<string | undefined>;
  /** Account ids by number, for the numbers that name an account. */
  byNumbers(manager: EntityManager, numbers: string[]): Promise<Map<string, string>>;
  /** The account one of whose verified contacts has this email or phone, if exactly one does. */
  byContact(
    manager: EntityManager,
    contact: { email?: string | null; phone?: string | null },
  ): Promise<string | undefined>;
}

export interface TicketBillingContextProvider {
  /** A compact, JSON-ready summary of the account and its billing state for a ticket. */
  forTicket(ticketId: string, accountId: string): Promise<Record<string, unknown>>;
}
