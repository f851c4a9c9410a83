import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';

/** The request header that makes a retried POST answer the first result instead of repeating it. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The header's key, or undefined without one; a blank or malformed key is a 400 naming it. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (!KEY.test(key)) {
    const problem = 'must be 1-255 visible ASCII characters (no spaces), e.g. a UUID';
    throw new BadRequestException({
      message: `${IDEMPOTENCY_KEY_HEADER} ${problem}`,
      details: [{ field: IDEMPOTENCY_KEY_HEADER, problems: [problem] }],
    });
  }
  return key;
}

/**
 * A key used before on the same account: the same request gets the first result; another
 * request with it is refused (the caller reused a key by mistake, or the body changed).
 */
export function assertSameRequest(key: string, first: unknown, now: unknown): void {
  if (isDeepStrictEqual(first, now)) return;
  const problem = 'was already used on this account for a different request; use a new key';
  throw new UnprocessableEntityException({
    message: `${IDEMPOTENCY_KEY_HEADER} ${key} ${problem}`,
    details: [{ field: IDEMPOTENCY_KEY_HEADER, problems: [problem] }],
  });
}
