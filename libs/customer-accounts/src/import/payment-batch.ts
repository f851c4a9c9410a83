import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { InvoiceRecord, loadInvoices } from '../invoices/invoice-records';
import { minorUnits } from '../money/money';
import { planOldestDueFirst, PlannedAllocation } from '../payments/allocation-plan';
import { refuseGroup } from './consecutive-rows';
import { BatchOutcome, emptyOutcome } from './billing-import-report';
import { accountsFor, ImportedAccount, recordImported, takeImportTurn } from './import-batch-support';
import { PaymentDocument } from './payment-rows';

interface PlannedPayment {
  id: string;
  document: PaymentDocument;
  account: ImportedAccount;
  allocations: (PlannedAllocation & { id: string; issueDate: string })[];
}

/**
 * Imports a batch of payments in the caller's transaction, set-based. A payment already there
 * (same account and reference) is unchanged when its amount is the same and refused otherwise.
 * A new payment is allocated as its rows say or, without allocation columns, oldest due first
 * (skipping disputed invoices) like a payment recorded through the API. The invoices involved
 * are locked before their open amounts are read and the batch is planned in file order against
 * those amounts, so allocations never exceed a payment or an invoice's open amount.
 */
export async function importPaymentBatch(
  manager: EntityManager,
  documents: readonly PaymentDocument[],
  deskTimeZone: string,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  await takeImportTurn(manager);
  const accounts = await accountsFor(manager, documents, outcome);
  const candidates = documents.flatMap((document) => {
    const account = accounts.get(document.label);
    return account ? [{ document, account }] : [];
  });
  if (candidates.length === 0) return outcome;

  const existingRows = await manager.query<{ account_id: string; reference: string; amount_minor: string }[]>(
    `SELECT p.account_id, p.reference, p.amount_minor
       FROM unnest($1::uuid[], $2::text[]) AS k(account_id, reference)
      CROSS JOIN LATERAL (SELECT * FROM payments p
                           WHERE p.account_id = k.account_id AND p.reference = k.reference LIMIT 1) p`,
    [candidates.map(({ account }) => account.id), candidates.map(({ document }) => document.reference)],
  );
  const existing = new Map(
    existingRows.map((row) => [`${row.account_id}/${row.reference}`, minorUnits(row.amount_minor)]),
  );
  const fresh = candidates.filter(({ document, account }) => {
    const amount = existing.get(`${account.id}/${document.reference}`);
    if (amount === undefined) return true;
    if (amount === document.amount) {
      outcome.unchanged += 1;
    } else {
      const reason = `${document.label} exists with a different total: ${amount}, the file says ${document.amount}`;
      for (const line of document.lines) outcome.rejected.push({ line, reason });
    }
    return false;
  });
  if (fresh.length === 0) return outcome;

  const invoices = await lockInvoices(manager, fresh);
  const planned: PlannedPayment[] = [];
  for (const { document, account } of fresh) {
    const allocations = document.allocations
      ? planRequested(document, account, invoices, outcome)
      : planOldestDueFirst(
          document.amount,
          (invoices.byAccount.get(account.id) ?? []).filter(
            (invoice) => !invoice.voided && !invoice.disputed,
          ),
        );
    if (!allocations) continue;
    for (const allocation of allocations) {
      const invoice = invoices.byId.get(allocation.invoiceId);
      if (invoice) invoice.openMinor -= allocation.amount;
    }
    planned.push({
      id: randomUUID(),
      document,
      account,
      allocations: allocations.map((allocation) => ({
        ...allocation,
        id: randomUUID(),
        issueDate: invoices.byId.get(allocation.invoiceId)?.issueDate ?? '',
      })),
    });
  }
  if (planned.length === 0) return outcome;

  const inserted = new Map(
    (
      await manager.query<{ id: string; received_at: Date }[]>(
        `INSERT INTO payments (id, account_id, amount_minor, currency, method, reference, received_at)
         SELECT p.id, p.account_id, p.amount, p.currency, p.method, p.reference,
                CASE WHEN p.on_date THEN p.received::date::timestamp AT TIME ZONE $9 ELSE p.received::timestamptz END
           FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[])
                AS p(id, account_id, amount, currency, method, reference, received, on_date)
         ON CONFLICT (account_id, reference) DO NOTHING
         RETURNING id, received_at`,
        [
          planned.map(({ id }) => id),
          planned.map(({ account }) => account.id),
          planned.map(({ document }) => document.amount),
          planned.map(({ account }) => account.currency),
          planned.map(({ document }) => document.method),
          planned.map(({ document }) => document.reference),
          planned.map(({ document }) =>
            document.receivedAt.kind === 'date' ? document.receivedAt.date : document.receivedAt.iso,
          ),
          planned.map(({ document }) => document.receivedAt.kind === 'date'),
          deskTimeZone,
        ],
      )
    ).map((row) => [row.id, row.received_at]),
  );
  // A payment someone recorded meanwhile is left out with its allocations: the open amounts it
  // was planned against only grow by that, so the others stay within bounds.
  const written = planned.filter(({ id, document }) => {
    if (inserted.has(id)) return true;
    const reason = `${document.label} was recorded by someone else meanwhile; import the file again`;
    for (const line of document.lines) outcome.rejected.push({ line, reason });
    return false;
  });

  const auditIds = await recordImported(
    manager,
    written.map(({ id, document, account, allocations }) => {
      const allocated = allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
      return {
        action: 'payment.recorded',
        entityType: 'payment',
        entityId: id,
        accountId: account.id,
        after: {
          amount: document.amount,
          currency: account.currency,
          method: document.method,
          reference: document.reference,
          receivedAt: inserted.get(id)?.toISOString(),
          allocations: allocations.map(({ invoiceId, amount, id }) => ({ invoiceId, amount, id })),
          unallocated: document.amount - allocated,
        },
      };
    }),
  );
  const allocations = written.flatMap(({ id, allocations }) =>
    allocations.map((allocation) => ({
      ...allocation,
      paymentId: id,
      receivedAt: inserted.get(id),
      auditId: auditIds.get(id) ?? null,
    })),
  );
  if (allocations.length > 0) {
    // Effective from receipt, or from the invoice's issue day if later (as on the API).
    await manager.query(
      `INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, applied_at, audit_id)
       SELECT a.id, a.payment_id, a.invoice_id, a.amount,
              greatest(a.received_at, a.issue_date::timestamp AT TIME ZONE $8), a.audit_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::timestamptz[], $6::date[], $7::bigint[])
              AS a(id, payment_id, invoice_id, amount, received_at, issue_date, audit_id)`,
      [
        allocations.map((allocation) => allocation.id),
        allocations.map((allocation) => allocation.paymentId),
        allocations.map((allocation) => allocation.invoiceId),
        allocations.map((allocation) => allocation.amount),
        allocations.map((allocation) => allocation.receivedAt),
        allocations.map((allocation) => allocation.issueDate),
        allocations.map((allocation) => allocation.auditId),
        deskTimeZone,
      ],
    );
  }
  outcome.created += written.length;
  return outcome;
}

interface LockedInvoices {
  byId: Map<string, InvoiceRecord>;
  byNumber: Map<string, InvoiceRecord>;
  /** Live invoices of the accounts whose payments are allocated oldest due first. */
  byAccount: Map<string, InvoiceRecord[]>;
}

/**
 * Locks (in id order, as the API does) and loads the invoices the batch may allocate to: those
 * named in the file, and all live invoices of accounts whose payments are allocated oldest due
 * first. Open amounts are read after the locks are held.
 */
async function lockInvoices(
  manager: EntityManager,
  payments: readonly { document: PaymentDocument; account: ImportedAccount }[],
): Promise<LockedInvoices> {
  const automatic = [
    ...new Set(payments.filter(({ document }) => !document.allocations).map(({ account }) => account.id)),
  ];
  const named = payments.flatMap(({ document, account }) =>
    (document.allocations ?? []).map((allocation) => ({
      accountId: account.id,
      number: allocation.invoiceNumber,
    })),
  );
  const ids = await manager.query<{ id: string }[]>(
    `SELECT id FROM invoices WHERE account_id = ANY($1::uuid[]) AND voided_at IS NULL
     UNION
     SELECT i.id FROM unnest($2::uuid[], $3::text[]) AS k(account_id, number)
      CROSS JOIN LATERAL (SELECT id FROM invoices i
                           WHERE i.account_id = k.account_id AND i.number = k.number LIMIT 1) i`,
    [automatic, named.map((invoice) => invoice.accountId), named.map((invoice) => invoice.number)],
  );
  const records = await loadInvoices(
    manager,
    ids.map((row) => row.id),
    { lock: true },
  );
  const automaticAccounts = new Set(automatic);
  const locked: LockedInvoices = { byId: new Map(), byNumber: new Map(), byAccount: new Map() };
  for (const invoice of records) {
    locked.byId.set(invoice.id, invoice);
    locked.byNumber.set(`${invoice.accountId}/${invoice.number}`, invoice);
    if (automaticAccounts.has(invoice.accountId) && !invoice.voided) {
      const list = locked.byAccount.get(invoice.accountId) ?? [];
      list.push(invoice);
      locked.byAccount.set(invoice.accountId, list);
    }
  }
  return locked;
}

/** The file's allocations of a payment, or undefined (and its rows refused) when one cannot be. */
function planRequested(
  document: PaymentDocument,
  account: ImportedAccount,
  invoices: LockedInvoices,
  outcome: BatchOutcome,
): PlannedAllocation[] | undefined {
  const culprits = new Map<number, string>();
  const plan: PlannedAllocation[] = [];
  for (const { line, invoiceNumber, amount } of document.allocations ?? []) {
    const invoice = invoices.byNumber.get(`${account.id}/${invoiceNumber}`);
    if (!invoice) {
      culprits.set(
        line,
        `unknown invoice ${JSON.stringify(invoiceNumber)} of account ${JSON.stringify(account.number)}`,
      );
    } else if (invoice.voided) {
      culprits.set(line, `invoice ${JSON.stringify(invoiceNumber)} is void and cannot take payments`);
    } else if (amount > invoice.openMinor) {
      culprits.set(
        line,
        `allocated_amount ${amount} exceeds the open amount of ${invoice.openMinor} of invoice ` +
          `${JSON.stringify(invoiceNumber)} (over-allocation)`,
      );
    } else {
      plan.push({ invoiceId: invoice.id, amount });
    }
  }
  if (culprits.size === 0) return plan;
  outcome.rejected.push(
    ...refuseGroup({ label: document.label, rows: document.lines.map((line) => ({ line })) }, culprits),
  );
  return undefined;
}
