import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { minorUnits } from '../money/money';
import { BatchOutcome, emptyOutcome } from './billing-import-report';
import { accountsFor, ImportedAccount, recordImported, takeImportTurn } from './import-batch-support';
import { InvoiceDocument } from './invoice-rows';

/**
 * Imports a batch of invoices with their lines in the caller's transaction, set-based. An
 * invoice already there (same account and number) is unchanged when its total is the same and
 * refused otherwise; it is never changed. Each invoice created gets an `invoice.created` entry.
 */
export async function importInvoiceBatch(
  manager: EntityManager,
  documents: readonly InvoiceDocument[],
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  await takeImportTurn(manager);
  const accounts = await accountsFor(manager, documents, outcome);
  const candidates = documents.flatMap((document) => {
    const account = accounts.get(document.label);
    return account ? [{ document, account }] : [];
  });
  if (candidates.length === 0) return outcome;

  // One probe of the unique index per key (LATERAL + LIMIT is never turned into a hash join over
  // all invoices, whatever the statistics say in the middle of a big import).
  const existingRows = await manager.query<{ account_id: string; number: string; total_minor: string }[]>(
    `SELECT i.account_id, i.number, i.total_minor
       FROM unnest($1::uuid[], $2::text[]) AS k(account_id, number)
      CROSS JOIN LATERAL (SELECT * FROM invoices i
                           WHERE i.account_id = k.account_id AND i.number = k.number LIMIT 1) i`,
    [candidates.map(({ account }) => account.id), candidates.map(({ document }) => document.number)],
  );
  const existing = new Map(
    existingRows.map((row) => [`${row.account_id}/${row.number}`, minorUnits(row.total_minor)]),
  );

  const fresh: { id: string; document: InvoiceDocument; account: ImportedAccount }[] = [];
  for (const { document, account } of candidates) {
    const total = existing.get(`${account.id}/${document.number}`);
    if (total === undefined) {
      fresh.push({ id: randomUUID(), document, account });
    } else if (total === document.total) {
      outcome.unchanged += 1;
    } else {
      const reason = `${document.label} exists with a different total: ${total}, the file says ${document.total}`;
      for (const line of document.lines) outcome.rejected.push({ line, reason });
    }
  }
  if (fresh.length === 0) return outcome;

  const inserted = new Set(
    (
      await manager.query<{ id: string }[]>(
        `INSERT INTO invoices (id, account_id, number, currency, issue_date, due_date, total_minor)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[], $7::bigint[])
         ON CONFLICT (account_id, number) DO NOTHING
         RETURNING id`,
        [
          fresh.map(({ id }) => id),
          fresh.map(({ account }) => account.id),
          fresh.map(({ document }) => document.number),
          fresh.map(({ account }) => account.currency),
          fresh.map(({ document }) => document.issueDate),
          fresh.map(({ document }) => document.dueDate),
          fresh.map(({ document }) => document.total),
        ],
      )
    ).map((row) => row.id),
  );
  const written = fresh.filter(({ id, document }) => {
    if (inserted.has(id)) return true;
    const reason = `${document.label} was created by someone else meanwhile; import the file again`;
    for (const line of document.lines) outcome.rejected.push({ line, reason });
    return false;
  });
  if (written.length === 0) return outcome;

  const lines = written.flatMap(({ id, document }) => document.items.map((item) => ({ id, ...item })));
  await manager.query(
    `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_minor, amount_minor)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::numeric[], $5::bigint[], $6::bigint[])`,
    [
      lines.map((line) => line.id),
      lines.map((line) => line.position),
      lines.map((line) => line.description),
      lines.map((line) => line.quantity),
      lines.map((line) => line.unitPrice),
      lines.map((line) => line.amount),
    ],
  );
  await recordImported(
    manager,
    written.map(({ id, document, account }) => ({
      action: 'invoice.created',
      entityType: 'invoice',
      entityId: id,
      accountId: account.id,
      after: {
        number: document.number,
        issueDate: document.issueDate,
        dueDate: document.dueDate,
        total: document.total,
        currency: account.currency,
      },
    })),
  );
  outcome.created += written.length;
  return outcome;
}
