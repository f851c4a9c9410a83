import { UnprocessableEntityException } from '@nestjs/common';

/** Amounts are integer minor units (12000 = 120.00) with an ISO 4217 currency, never floats. */
export interface Money {
  amount: number;
  currency: string;
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code);
}

/** PostgreSQL bigint arrives as a string; amounts beyond 2^53 would lose precision in JSON. */
export function minorUnits(value: string | number | null | undefined): number {
  const amount = Number(value ?? 0);
  if (!Number.isSafeInteger(amount)) throw new Error(`amount ${value} is not a safe integer`);
  return amount;
}

export function assertCurrency(expected: string, actual: string | undefined, field: string): void {
  if (actual !== undefined && actual !== expected) {
    throw new UnprocessableEntityException({
      message: `${field}: currency ${actual} does not match the account currency ${expected}; mixed currencies are not allowed`,
      details: [{ field, problems: [`currency must be ${expected}`] }],
    });
  }
}

/**
 * A line's amount: quantity (up to 4 decimals) × unit price in minor units, rounded half away
 * from zero to a whole minor unit. Computed on scaled integers so no float rounding creeps in.
 * Undefined when the amount is beyond MAX_MINOR either way: no line may be larger than the
 * largest amount the API and the imports take (callers refuse it, naming the line).
 */
export function lineAmount(quantity: string, unitPriceMinor: number): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,4}))?$/.exec(quantity);
  if (!match) throw new Error(`quantity ${quantity} must be a positive decimal with at most 4 places`);
  const scaledQuantity = BigInt(match[1] + (match[2] ?? '').padEnd(4, '0'));
  const product = scaledQuantity * BigInt(unitPriceMinor);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + 5000n) / 10000n;
  if (rounded > BigInt(MAX_MINOR)) return undefined;
  return minorUnits((negative ? -rounded : rounded).toString());
}

/**
 * Largest amount in minor units the API and the imports take (10^13: a hundred billion in a
 * two-decimal currency), far inside the exact integers of a JavaScript number and of bigint.
 */
export const MAX_MINOR = 1e13;
/** The refusal of a larger amount, in the units the API takes. */
export const AT_MOST_MAX_MINOR = {
  message:
    '$property must be at most 10000000000000 minor units (100,000,000,000.00 in a two-decimal currency)',
};
