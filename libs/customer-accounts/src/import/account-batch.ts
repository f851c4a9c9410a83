import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountStatus } from '../accounts/account.dto';
import { BillingActionEntry } from '../audit/billing-action.recorder';
import { AccountDocument, contactKeys, ImportedContact } from './account-rows';
import { BatchOutcome, emptyOutcome } from './billing-import-report';
import { recordImported, takeImportTurn } from './import-batch-support';

interface ExistingAccount {
  id: string;
  number: string;
  name: string;
  status: AccountStatus;
  currency: string;
  tax_id: string | null;
}

interface NewContact extends ImportedContact {
  accountId: string;
}

const refuseAll = (outcome: BatchOutcome, document: AccountDocument, reason: string): void => {
  for (const line of document.lines) outcome.rejected.push({ line, reason });
};

/**
 * Imports a batch of accounts in the caller's transaction with set-based statements. A new
 * account is created with its contacts; an existing one (by number) gets the file's name,
 * status and tax id (a blank status or tax id leaves it as it is) and the contacts it lacks,
 * with an `account.updated` audit entry; its currency never changes.
 */
export async function importAccountBatch(
  manager: EntityManager,
  documents: readonly AccountDocument[],
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  await takeImportTurn(manager);
  const existing = new Map(
    (
      await manager.query<ExistingAccount[]>(
        `SELECT id, number, name, status, currency, tax_id FROM customer_accounts
          WHERE number = ANY($1::text[]) ORDER BY number FOR UPDATE`,
        [documents.map((document) => document.number)],
      )
    ).map((account) => [account.number, account]),
  );
  const contactsByAccount = await contactsOf(
    manager,
    [...existing.values()].map((account) => account.id),
  );

  const created: (AccountDocument & { id: string })[] = [];
  const updates: { account: ExistingAccount; name: string; status: AccountStatus; taxId: string | null }[] =
    [];
  const newContacts: NewContact[] = [];
  const audit: Omit<BillingActionEntry, 'correctsId'>[] = [];

  for (const document of documents) {
    const account = existing.get(document.number);
    if (!account) {
      const id = randomUUID();
      created.push({ ...document, id });
      newContacts.push(...document.contacts.map((contact) => ({ ...contact, accountId: id })));
      continue;
    }
    if (account.currency !== document.currency) {
      refuseAll(
        outcome,
        document,
        `${document.label} exists with currency ${account.currency}, the file says ${document.currency}; ` +
          'an import does not change the currency of an account',
      );
      continue;
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = (field: string, from: unknown, to: unknown): void => {
      if (to === undefined || from === to) return;
      before[field] = from;
      after[field] = to;
    };
    change('name', account.name, document.name);
    change('status', account.status, document.status);
    change('taxId', account.tax_id, document.taxId);

    const contacts = contactsByAccount.get(account.id) ?? [];
    const known = new Set(contacts.flatMap(contactKeys));
    const missing = document.contacts.filter(
      (contact) => !contactKeys(contact).some((key) => known.has(key)),
    );
    if (missing.length > 0) {
      before.contacts = contacts;
      after.contacts = [...contacts, ...missing];
      newContacts.push(...missing.map((contact) => ({ ...contact, accountId: account.id })));
    }
    if (Object.keys(after).length === 0) {
      outcome.unchanged += 1;
      continue;
    }
    updates.push({
      account,
      name: document.name,
      status: document.status ?? account.status,
      taxId: document.taxId ?? account.tax_id,
    });
    audit.push({
      action: 'account.updated',
      entityType: 'account',
      entityId: account.id,
      accountId: account.id,
      before,
      after,
    });
  }

  const inserted = await insertAccounts(manager, created);
  for (const document of created) {
    if (inserted.has(document.id)) {
      outcome.created += 1;
      const { id, number, name, currency, status, taxId, contacts } = document;
      audit.push({
        action: 'account.created',
        entityType: 'account',
        entityId: id,
        accountId: id,
        after: { number, name, currency, status: status ?? 'active', taxId: taxId ?? null, contacts },
      });
    } else {
      refuseAll(
        outcome,
        document,
        `${document.label} was created by someone else meanwhile; import the file again`,
      );
    }
  }
  if (updates.length > 0) {
    await manager.query(
      `UPDATE customer_accounts a SET name = u.name, status = u.status, tax_id = u.tax_id, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, name, status, tax_id)
        WHERE a.id = u.id`,
      [
        updates.map((update) => update.account.id),
        updates.map((update) => update.name),
        updates.map((update) => update.status),
        updates.map((update) => update.taxId),
      ],
    );
    outcome.updated += updates.length;
  }
  const existingIds = new Set([...existing.values()].map((account) => account.id));
  const contactsToWrite = newContacts.filter(
    (contact) => inserted.has(contact.accountId) || existingIds.has(contact.accountId),
  );
  if (contactsToWrite.length > 0) {
    await manager.query(
      `INSERT INTO account_contacts (account_id, email, phone, name)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [
        contactsToWrite.map((contact) => contact.accountId),
        contactsToWrite.map((contact) => contact.email),
        contactsToWrite.map((contact) => contact.phone),
        contactsToWrite.map((contact) => contact.name),
      ],
    );
  }
  await recordImported(manager, audit);
  return outcome;
}

async function insertAccounts(
  manager: EntityManager,
  accounts: readonly (AccountDocument & { id: string })[],
): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO customer_accounts (id, number, name, status, currency, tax_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (number) DO NOTHING
     RETURNING id`,
    [
      accounts.map((account) => account.id),
      accounts.map((account) => account.number),
      accounts.map((account) => account.name),
      accounts.map((account) => account.status ?? 'active'),
      accounts.map((account) => account.currency),
      accounts.map((account) => account.taxId ?? null),
    ],
  );
  return new Set(rows.map((row) => row.id));
}

async function contactsOf(
  manager: EntityManager,
  accountIds: string[],
): Promise<Map<string, ImportedContact[]>> {
  const contacts = new Map<string, ImportedContact[]>();
  if (accountIds.length === 0) return contacts;
  const rows = await manager.query<(ImportedContact & { account_id: string })[]>(
    `SELECT account_id, email, phone, name FROM account_contacts
      WHERE account_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [accountIds],
  );
  for (const { account_id: accountId, email, phone, name } of rows) {
    const list = contacts.get(accountId) ?? [];
    list.push({ email, phone, name });
    contacts.set(accountId, list);
  }
  return contacts;
}
