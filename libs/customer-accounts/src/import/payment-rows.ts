import { parseOffsetTimestamp } from '@ledgerdesk/shared';
import { PAYMENT_METHODS, PaymentMethod } from '../payments/payment.dto';
import { DocumentKey, LineError, refuseGroup, RowGroup, RowResult, rowsOf } from './consecutive-rows';
import { CsvColumns } from './csv-rows';
import { isCalendarDate, readRow, reject, RowFields } from './row-fields';

export const PAYMENT_COLUMNS: CsvColumns = {
  required: ['account_number', 'reference', 'amount', 'currency', 'method', 'received_at'],
  optional: ['invoice_number', 'allocated_amount'],
  together: [['invoice_number', 'allocated_amount']],
};
/** Allocations per payment, as the API allows. */
export const MAX_PAYMENT_ROWS = 200;
const CLOCK_SKEW_MS = 5 * 60_000;

/** When the import runs: received_at may not be later. */
export interface ImportClock {
  nowMs: number;
  /** Today in the desk's time zone, YYYY-MM-DD. */
  today: string;
}

/** A moment with its offset, or a calendar date (the start of that day in the desk's time zone). */
export type ReceivedAt = { kind: 'instant'; iso: string } | { kind: 'date'; date: string };

export interface PaymentRow {
  accountNumber: string;
  reference: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  receivedAt: ReceivedAt;
  allocation?: { invoiceNumber: string; amount: number };
}

export interface PaymentAllocationRequest {
  line: number;
  invoiceNumber: string;
  amount: number;
}

export interface PaymentDocument {
  lines: number[];
  label: string;
  accountNumber: string;
  reference: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  receivedAt: ReceivedAt;
  /** From the file; undefined: oldest due first. */
  allocations?: PaymentAllocationRequest[];
}

export function paymentKey(fields: Record<string, string>): DocumentKey | undefined {
  const account = fields.account_number?.trim() ?? '';
  const reference = fields.reference?.trim() ?? '';
  if (account === '' || reference === '') return undefined;
  return {
    key: `${account}\u0000${reference}`,
    label: `payment ${JSON.stringify(reference)} of account ${JSON.stringify(account)}`,
  };
}

function receivedAt(fields: RowFields, clock: ImportClock): ReceivedAt {
  const text = fields.text('received_at', 40);
  if (isCalendarDate(text)) {
    if (text > clock.today) reject(`received_at ${text} is in the future`);
    return { kind: 'date', date: text };
  }
  const parsed = parseOffsetTimestamp(text);
  if (!parsed.ok) {
    return reject(`received_at ${JSON.stringify(text)} ${parsed.problem} or a date like 2026-11-30`);
  }
  if (parsed.ms > clock.nowMs + CLOCK_SKEW_MS) reject(`received_at ${text} is in the future`);
  return { kind: 'instant', iso: parsed.iso };
}

export function parsePaymentRow(raw: Record<string, string>, clock: ImportClock): RowResult<PaymentRow> {
  return readRow(() => {
    const fields = new RowFields(raw);
    const row: PaymentRow = {
      accountNumber: fields.documentNumber('account_number'),
      reference: fields.text('reference', 200),
      amount: fields.minorUnits('amount', { min: 1 }),
      currency: fields.currency(),
      method: fields.oneOf('method', PAYMENT_METHODS),
      receivedAt: receivedAt(fields, clock),
    };
    const hasInvoice = fields.has('invoice_number');
    if (hasInvoice !== fields.has('allocated_amount')) {
      reject('invoice_number and allocated_amount go together: give both or neither');
    }
    if (hasInvoice) {
      row.allocation = {
        invoiceNumber: fields.documentNumber('invoice_number'),
        amount: fields.minorUnits('allocated_amount', { min: 1 }),
      };
    }
    return row;
  });
}

const describeReceivedAt = (value: ReceivedAt): string => (value.kind === 'date' ? value.date : value.iso);

const SAME_ON_EVERY_ROW = [
  ['amount', 'amount', (row: PaymentRow) => String(row.amount)],
  ['currency', 'currency', (row: PaymentRow) => row.currency],
  ['method', 'method', (row: PaymentRow) => row.method],
  ['receivedAt', 'received_at', (row: PaymentRow) => describeReceivedAt(row.receivedAt)],
] as const;

/**
 * A payment from its consecutive rows. One row without allocation columns: allocated oldest
 * due first. Otherwise each row allocates to one invoice (each invoice once), all rows repeat
 * the payment's fields, and the allocations may not add up to more than the amount.
 */
export function assemblePayment(
  group: RowGroup<RowResult<PaymentRow>>,
): { ok: true; document: PaymentDocument } | { ok: false; errors: LineError[] } {
  const read = rowsOf(group, MAX_PAYMENT_ROWS);
  if (!read.ok) return read;
  const [first] = read.rows;
  const culprits = new Map<number, string>();
  const invoices = new Map<string, number>();
  let allocated = 0;
  for (const { line, value } of read.rows) {
    const differing = SAME_ON_EVERY_ROW.find(([, , read]) => read(value) !== read(first.value));
    if (differing) {
      const [, column, read] = differing;
      culprits.set(
        line,
        `${column} ${read(value)} differs from line ${first.line} (${read(first.value)}): ` +
          'the rows of a payment repeat its amount, currency, method and received_at',
      );
      continue;
    }
    if (!value.allocation) {
      if (read.rows.length > 1) {
        culprits.set(line, 'a payment on several rows needs invoice_number and allocated_amount on each');
      }
      continue;
    }
    const { invoiceNumber, amount } = value.allocation;
    const earlier = invoices.get(invoiceNumber);
    if (earlier !== undefined) {
      culprits.set(line, `invoice ${JSON.stringify(invoiceNumber)} is already allocated on line ${earlier}`);
      continue;
    }
    invoices.set(invoiceNumber, line);
    allocated += amount;
    if (allocated > value.amount) {
      culprits.set(
        line,
        `the allocations add up to ${allocated}, more than the amount of ${value.amount} (over-allocation)`,
      );
    }
  }
  if (culprits.size > 0) return { ok: false, errors: refuseGroup(group, culprits) };

  const { accountNumber, reference, amount, currency, method } = first.value;
  return {
    ok: true,
    document: {
      lines: read.rows.map(({ line }) => line),
      label: group.label,
      accountNumber,
      reference,
      amount,
      currency,
      method,
      receivedAt: first.value.receivedAt,
      allocations: first.value.allocation
        ? read.rows.map(({ line, value }) => ({
            line,
            invoiceNumber: value.allocation?.invoiceNumber ?? '',
            amount: value.allocation?.amount ?? 0,
          }))
        : undefined,
    },
  };
}
