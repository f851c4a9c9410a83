import { EntityManager } from 'typeorm';
import { BillingActionEntry } from '../audit/billing-action.recorder';
import { BatchOutcome } from './billing-import-report';

/**
 * Billing imports of all files and all processes take turns batch by batch, so two imports of
 * the same file cannot both find a document new; the API's own row locks still apply.
 */
export async function takeImportTurn(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ledgerdesk.billing-import'))`);
}

/**
 * Writes the audit entries of a batch in one statement, as the system (no actor, no ticket).
 * Returns each entry's id by entity id (one entry per entity in a batch).
 */
export async function recordImported(
  manager: EntityManager,
  entries: readonly Omit<BillingActionEntry, 'correctsId'>[],
): Promise<Map<string, string>> {
  if (entries.length === 0) return new Map();
  const rows = await manager.query<{ id: string; entity_id: string }[]>(
    `INSERT INTO billing_audit_log (actor_id, action, entity_type, entity_id, account_id, before, after)
     SELECT NULL, e.action, e.entity_type, e.entity_id, e.account_id, e.before::jsonb, e.after::jsonb
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])
            WITH ORDINALITY AS e(action, entity_type, entity_id, account_id, before, after, n)
      ORDER BY e.n
     RETURNING id, entity_id`,
    [
      entries.map((entry) => entry.action),
      entries.map((entry) => entry.entityType),
      entries.map((entry) => entry.entityId),
      entries.map((entry) => entry.accountId),
      entries.map((entry) => (entry.before === undefined ? null : JSON.stringify(entry.before))),
      entries.map((entry) => (entry.after === undefined ? null : JSON.stringify(entry.after))),
    ],
  );
  return new Map(rows.map((row) => [row.entity_id, row.id]));
}

export interface ImportedAccount {
  id: string;
  number: string;
  currency: string;
}

/**
 * The accounts a batch names, by number, share-locked so their currency cannot change under
 * the batch. A document of an unknown account, or in another currency, is refused.
 */
export async function accountsFor(
  manager: EntityManager,
  documents: readonly { accountNumber: string; currency: string; label: string; lines: number[] }[],
  outcome: BatchOutcome,
): Promise<Map<string, ImportedAccount>> {
  const numbers = [...new Set(documents.map((document) => document.accountNumber))].sort();
  const rows = await manager.query<ImportedAccount[]>(
    `SELECT id, number, currency FROM customer_accounts WHERE number = ANY($1::text[]) ORDER BY number FOR SHARE`,
    [numbers],
  );
  const accounts = new Map(rows.map((row) => [row.number, row]));
  const usable = new Map<string, ImportedAccount>();
  for (const document of documents) {
    const account = accounts.get(document.accountNumber);
    const reason = !account
      ? `unknown account ${JSON.stringify(document.accountNumber)} (import it in the accounts file first)`
      : account.currency !== document.currency
        ? `currency ${document.currency} is not the currency of account ${JSON.stringify(account.number)} ` +
          `(${account.currency}); mixed currencies are not allowed`
        : undefined;
    if (reason) for (const line of document.lines) outcome.rejected.push({ line, reason });
    else if (account) usable.set(document.label, account);
  }
  return usable;
}
