import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isCurrencyCode } from '../money/money';
import { AccountStatus, ContactDto } from './account.dto';

export interface AccountRow {
  id: string;
  number: string;
  name: string;
  status: AccountStatus;
  currency: string;
  billing_address: Record<string, string> | null;
  tax_id: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function loadAccount(
  manager: EntityManager,
  accountId: string,
  options: { lock?: boolean } = {},
): Promise<AccountRow> {
  const [account] = await manager.query<AccountRow[]>(
    `SELECT * FROM customer_accounts WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [accountId],
  );
  if (!account) throw new NotFoundException(`No customer account with id ${accountId}`);
  return account;
}

/**
 * A closed account takes no new money movements (invoices, payments, adjustments, approvals of
 * waiting adjustments). A suspended one still does: it is paused for service, not for billing.
 */
export function assertNotClosed(account: AccountRow): void {
  if (account.status === 'closed') throw new ConflictException(`Account ${account.number} is closed`);
}

export function assertCurrencyCode(currency: string, field = 'currency'): void {
  if (!isCurrencyCode(currency)) {
    throw new UnprocessableEntityException({
      message: `${field}: ${currency} is not an ISO 4217 currency code`,
      details: [{ field, problems: ['unknown currency'] }],
    });
  }
}

export async function replaceContacts(
  manager: EntityManager,
  accountId: string,
  contacts: ContactDto[],
): Promise<void> {
  await manager.query(`DELETE FROM account_contacts WHERE account_id = $1`, [accountId]);
  if (contacts.length === 0) return;
  await manager.query(
    `INSERT INTO account_contacts (account_id, email, phone, name)
     SELECT $1, email, phone, name FROM unnest($2::text[], $3::text[], $4::text[]) AS c(email, phone, name)`,
    [
      accountId,
      contacts.map((contact) => contact.email?.trim().toLowerCase() ?? null),
      contacts.map((contact) => contact.phone?.trim() ?? null),
      contacts.map((contact) => contact.name?.trim() ?? null),
    ],
  );
}

export async function contactsOf(manager: EntityManager, accountId: string): Promise<ContactDto[]> {
  return manager.query<ContactDto[]>(
    `SELECT email, phone, name FROM account_contacts WHERE account_id = $1 ORDER BY created_at, id`,
    [accountId],
  );
}
