import { Injectable } from '@nestjs/common';
import { CustomerAccountResolver } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';

/** Finds a ticket's account by number, or by one of the account's verified contact addresses. */
@Injectable()
export class ContactAccountResolver implements CustomerAccountResolver {
  async exists(manager: EntityManager, accountId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM customer_accounts WHERE id = $1`, [accountId]);
    return rows.length > 0;
  }

  async byNumber(manager: EntityManager, number: string): Promise<string | undefined> {
    const [account] = await manager.query<{ id: string }[]>(
      `SELECT id FROM customer_accounts WHERE number = $1`,
      [number],
    );
    return account?.id;
  }

  async byNumbers(manager: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    if (numbers.length === 0) return new Map();
    const rows = await manager.query<{ id: string; number: string }[]>(
      `SELECT id, number FROM customer_accounts WHERE number = ANY($1::text[])`,
      [numbers],
    );
    return new Map(rows.map((row) => [row.number, row.id]));
  }

  async byContact(
    manager: EntityManager,
    contact: { email?: string | null; phone?: string | null },
  ): Promise<string | undefined> {
    const digits = contact.phone?.replace(/\D/g, '') || null;
    if (!contact.email && !digits) return undefined;
    const accounts = await manager.query<{ account_id: string }[]>(
      `SELECT DISTINCT c.account_id FROM account_contacts c JOIN customer_accounts a ON a.id = c.account_id
        WHERE c.verified AND a.status <> 'closed'
          AND ((c.email IS NOT NULL AND lower(c.email) = lower($1)) OR (c.phone_digits IS NOT NULL AND c.phone_digits = $2))
        LIMIT 2`,
      [contact.email ?? null, digits],
    );
    // A contact shared by two accounts is ambiguous: leave the ticket for an agent to link.
    return accounts.length === 1 ? accounts[0].account_id : undefined;
  }
}
