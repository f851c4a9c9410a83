import { isCurrencyCode, MAX_MINOR } from '../money/money';
import { RowResult } from './consecutive-rows';

/** Account and invoice numbers: 1-64 letters, digits, . _ / - (as the API takes them). */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^[+-]?\d{1,16}$/;

class RowRejected extends Error {}

export const reject = (reason: string): never => {
  throw new RowRejected(reason);
};

/** Runs a row reader; a `reject` inside it becomes the row's reason. */
export function readRow<T>(read: () => T): RowResult<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof RowRejected) return { ok: false, reason: error.message };
    throw error;
  }
}

export const isCalendarDate = (text: string): boolean => {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** The fields of one CSV row by column name, read with the file's rules; values are trimmed. */
export class RowFields {
  constructor(private readonly fields: Readonly<Record<string, string>>) {}

  raw(column: string): string {
    return (this.fields[column] ?? '').trim();
  }

  has(column: string): boolean {
    return this.raw(column) !== '';
  }

  text(column: string, maxLength: number): string {
    const value = this.raw(column);
    if (value === '') return reject(`${column} must not be blank`);
    if (value.length > maxLength) return reject(`${column} is longer than ${maxLength} characters`);
    return value;
  }

  optionalText(column: string, maxLength: number): string | undefined {
    return this.has(column) ? this.text(column, maxLength) : undefined;
  }

  documentNumber(column: string): string {
    const value = this.text(column, 64);
    if (!DOCUMENT_NUMBER.test(value)) {
      return reject(`${column} ${JSON.stringify(value)} must be 1-64 letters, digits, . _ / -`);
    }
    return value;
  }

  currency(column = 'currency'): string {
    const value = this.text(column, 40);
    if (!isCurrencyCode(value))
      return reject(`${column} ${JSON.stringify(value)} is not an ISO 4217 code like EUR`);
    return value;
  }

  oneOf<T extends string>(column: string, values: readonly T[]): T {
    const value = this.raw(column);
    if (!(values as readonly string[]).includes(value)) {
      return reject(`${column} ${JSON.stringify(value)} must be one of ${values.join(', ')}`);
    }
    return value as T;
  }

  date(column: string): string {
    const value = this.text(column, 10);
    if (!isCalendarDate(value))
      return reject(`${column} ${JSON.stringify(value)} is not a date like 2026-11-30`);
    return value;
  }

  /** A whole amount in minor units between `min` and MAX_MINOR (or its negative). */
  minorUnits(column: string, options: { min: number }): number {
    const value = this.text(column, 20);
    if (!INTEGER.test(value)) {
      return reject(
        `${column} ${JSON.stringify(value)} must be a whole number of minor units (12000 = 120.00)`,
      );
    }
    const amount = Number(value);
    if (amount < options.min) {
      return reject(
        `${column} ${value} must be ${options.min === 1 ? 'positive' : `at least ${options.min}`}`,
      );
    }
    if (Math.abs(amount) > MAX_MINOR) return reject(`${column} ${value} is too large`);
    return amount === 0 ? 0 : amount; // no -0
  }
}
