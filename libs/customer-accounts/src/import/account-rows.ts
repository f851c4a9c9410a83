import { isEmail } from 'class-validator';
import { ACCOUNT_STATUSES, AccountStatus } from '../accounts/account.dto';
import { DocumentKey, LineError, refuseGroup, RowGroup, RowResult, rowsOf } from './consecutive-rows';
import { CsvColumns } from './csv-rows';
import { readRow, reject, RowFields } from './row-fields';

export const ACCOUNT_COLUMNS: CsvColumns = {
  required: ['number', 'name', 'currency'],
  optional: ['status', 'contact_email', 'contact_phone', 'contact_name', 'tax_id'],
};
/** Contacts per account, as the API allows. */
export const MAX_ACCOUNT_ROWS = 50;
const PHONE = /^\+?[0-9 ().-]{5,30}$/;

export interface ImportedContact {
  email: string | null;
  phone: string | null;
  name: string | null;
}

export interface AccountRow {
  number: string;
  name: string;
  currency: string;
  /** Blank: `active` for a new account, unchanged for an existing one. */
  status?: AccountStatus;
  /** Blank: none for a new account, unchanged for an existing one. */
  taxId?: string;
  contact?: ImportedContact;
}

export interface AccountDocument {
  lines: number[];
  label: string;
  number: string;
  name: string;
  currency: string;
  status?: AccountStatus;
  taxId?: string;
  contacts: ImportedContact[];
}

export function accountKey(fields: Record<string, string>): DocumentKey | undefined {
  const number = fields.number?.trim() ?? '';
  return number === '' ? undefined : { key: number, label: `account ${JSON.stringify(number)}` };
}

/** How contacts are matched: by email (any case) or, without one, by the digits of the phone. */
export function contactKeys(contact: { email: string | null; phone: string | null }): string[] {
  const keys: string[] = [];
  if (contact.email) keys.push(`email:${contact.email.toLowerCase()}`);
  const digits = contact.phone?.replace(/\D/g, '') ?? '';
  if (digits !== '') keys.push(`phone:${digits}`);
  return keys;
}

export function parseAccountRow(raw: Record<string, string>): RowResult<AccountRow> {
  return readRow(() => {
    const fields = new RowFields(raw);
    const row: AccountRow = {
      number: fields.documentNumber('number'),
      name: fields.text('name', 300),
      currency: fields.currency(),
      status: fields.has('status') ? fields.oneOf('status', ACCOUNT_STATUSES) : undefined,
      taxId: fields.optionalText('tax_id', 50),
    };
    const email = fields.optionalText('contact_email', 320)?.toLowerCase();
    const phone = fields.optionalText('contact_phone', 30);
    const name = fields.optionalText('contact_name', 200);
    if (email !== undefined && !isEmail(email))
      reject(`contact_email ${JSON.stringify(email)} is not an email address`);
    if (phone !== undefined && !PHONE.test(phone))
      reject(`contact_phone ${JSON.stringify(phone)} is not a phone number`);
    if (name !== undefined && email === undefined && phone === undefined) {
      reject('contact_name needs a contact_email or contact_phone');
    }
    if (email !== undefined || phone !== undefined) {
      row.contact = { email: email ?? null, phone: phone ?? null, name: name ?? null };
    }
    return row;
  });
}

const SAME_ON_EVERY_ROW = [
  ['name', 'name'],
  ['currency', 'currency'],
  ['status', 'status'],
  ['taxId', 'tax_id'],
] as const;

/**
 * An account from its consecutive rows: every row repeats the account's fields identically,
 * and each row may add a contact (a contact given twice counts once).
 */
export function assembleAccount(
  group: RowGroup<RowResult<AccountRow>>,
): { ok: true; document: AccountDocument } | { ok: false; errors: LineError[] } {
  const read = rowsOf(group, MAX_ACCOUNT_ROWS);
  if (!read.ok) return read;
  const [first, ...rest] = read.rows;
  const culprits = new Map<number, string>();
  for (const { line, value } of rest) {
    for (const [field, column] of SAME_ON_EVERY_ROW) {
      if (value[field] !== first.value[field] && !culprits.has(line)) {
        culprits.set(
          line,
          `${column} ${JSON.stringify(value[field] ?? '')} differs from line ${first.line} ` +
            `(${JSON.stringify(first.value[field] ?? '')}): the rows of an account repeat its fields`,
        );
      }
    }
  }
  if (culprits.size > 0) return { ok: false, errors: refuseGroup(group, culprits) };

  const contacts: ImportedContact[] = [];
  const seen = new Set<string>();
  for (const { value } of read.rows) {
    if (!value.contact) continue;
    const keys = contactKeys(value.contact);
    if (keys.some((key) => seen.has(key))) continue;
    keys.forEach((key) => seen.add(key));
    contacts.push(value.contact);
  }
  const { number, name, currency, status, taxId } = first.value;
  return {
    ok: true,
    document: {
      lines: read.rows.map(({ line }) => line),
      label: group.label,
      number,
      name,
      currency,
      status,
      taxId,
      contacts,
    },
  };
}
