import { lineAmount, MAX_MINOR } from '../money/money';
import { DocumentKey, LineError, refuseGroup, RowGroup, RowResult, rowsOf } from './consecutive-rows';
import { CsvColumns } from './csv-rows';
import { readRow, reject, RowFields } from './row-fields';

export const INVOICE_COLUMNS: CsvColumns = {
  required: [
    'account_number',
    'invoice_number',
    'issue_date',
    'due_date',
    'currency',
    'description',
    'quantity',
    'unit_price',
  ],
  optional: [],
};
/** Lines per invoice, as the API allows. */
export const MAX_INVOICE_ROWS = 500;
const QUANTITY = /^\d{1,10}(\.\d{1,4})?$/;

export interface InvoiceRow {
  accountNumber: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  description: string;
  quantity: string;
  unitPrice: number;
  amount: number;
}

export interface InvoiceLine {
  position: number;
  description: string;
  quantity: string;
  unitPrice: number;
  amount: number;
}

export interface InvoiceDocument {
  lines: number[];
  label: string;
  accountNumber: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  items: InvoiceLine[];
  total: number;
}

export function invoiceKey(fields: Record<string, string>): DocumentKey | undefined {
  const account = fields.account_number?.trim() ?? '';
  const number = fields.invoice_number?.trim() ?? '';
  if (account === '' || number === '') return undefined;
  return {
    key: `${account}\u0000${number}`,
    label: `invoice ${JSON.stringify(number)} of account ${JSON.stringify(account)}`,
  };
}

/** One invoice line: the invoice's fields (repeated on each of its rows) and the line's own. */
export function parseInvoiceRow(raw: Record<string, string>): RowResult<InvoiceRow> {
  return readRow(() => {
    const fields = new RowFields(raw);
    const accountNumber = fields.documentNumber('account_number');
    const invoiceNumber = fields.documentNumber('invoice_number');
    const issueDate = fields.date('issue_date');
    const dueDate = fields.date('due_date');
    if (dueDate < issueDate) reject(`due_date ${dueDate} is before issue_date ${issueDate}`);
    const currency = fields.currency();
    const description = fields.text('description', 500);
    const quantity = fields.text('quantity', 20);
    if (!QUANTITY.test(quantity) || /^0*(\.0*)?$/.test(quantity)) {
      reject(`quantity ${JSON.stringify(quantity)} must be a positive decimal with at most 4 places`);
    }
    // Negative for a discount line, as on the API; the invoice's total may not be negative.
    const unitPrice = fields.minorUnits('unit_price', { min: -MAX_MINOR });
    const amount =
      lineAmount(quantity, unitPrice) ??
      reject(`quantity ${quantity} × unit_price ${unitPrice} is more than ${MAX_MINOR} minor units`);
    return {
      accountNumber,
      invoiceNumber,
      issueDate,
      dueDate,
      currency,
      description,
      quantity,
      unitPrice,
      amount,
    };
  });
}

const SAME_ON_EVERY_ROW = [
  ['issueDate', 'issue_date'],
  ['dueDate', 'due_date'],
  ['currency', 'currency'],
] as const;

/**
 * An invoice from its consecutive rows, one per line in file order: every row repeats the
 * invoice's dates and currency, and the lines may not add up to a negative total.
 */
export function assembleInvoice(
  group: RowGroup<RowResult<InvoiceRow>>,
): { ok: true; document: InvoiceDocument } | { ok: false; errors: LineError[] } {
  const read = rowsOf(group, MAX_INVOICE_ROWS);
  if (!read.ok) return read;
  const [first] = read.rows;
  const culprits = new Map<number, string>();
  for (const { line, value } of read.rows.slice(1)) {
    const differing = SAME_ON_EVERY_ROW.find(([field]) => value[field] !== first.value[field]);
    if (differing) {
      const [field, column] = differing;
      culprits.set(
        line,
        `${column} ${value[field]} differs from line ${first.line} (${first.value[field]}): ` +
          'the rows of an invoice repeat its dates and currency',
      );
    }
  }
  if (culprits.size > 0) return { ok: false, errors: refuseGroup(group, culprits) };

  const total = read.rows.reduce((sum, { value }) => sum + value.amount, 0);
  const totalProblem =
    total < 0
      ? `the lines of ${group.label} add up to ${total}, a negative total (raise a credit note instead)`
      : !Number.isSafeInteger(total) || total > MAX_MINOR
        ? `the lines of ${group.label} add up to an amount too large`
        : undefined;
  if (totalProblem) {
    return { ok: false, errors: read.rows.map(({ line }) => ({ line, reason: totalProblem })) };
  }
  const { accountNumber, invoiceNumber, issueDate, dueDate, currency } = first.value;
  return {
    ok: true,
    document: {
      lines: read.rows.map(({ line }) => line),
      label: group.label,
      accountNumber,
      number: invoiceNumber,
      issueDate,
      dueDate,
      currency,
      items: read.rows.map(({ value }, index) => ({
        position: index + 1,
        description: value.description,
        quantity: value.quantity,
        unitPrice: value.unitPrice,
        amount: value.amount,
      })),
      total,
    },
  };
}
