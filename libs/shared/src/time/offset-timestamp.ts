/** Date and time, then `Z` or a ±hh[:mm] offset: `2025-03-01T09:30:00+01:00`, `2025-03-01T08:30Z`. */
const WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
/** The same without an offset: a local time we cannot place on the timeline. */
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/i;

export type OffsetTimestamp = { ok: true; iso: string; ms: number } | { ok: false; problem: string };

/**
 * Reads an ISO 8601 date-time that carries its UTC offset and normalises it to UTC
 * (millisecond precision, like the rest of the API). Local times are refused: without an
 * offset the moment is ambiguous, and every KPI depends on it.
 */
export function parseOffsetTimestamp(text: string): OffsetTimestamp {
  const match = WITH_OFFSET.exec(text);
  if (!match) {
    return WITHOUT_OFFSET.test(text)
      ? { ok: false, problem: 'has no UTC offset (end it with Z or ±hh:mm)' }
      : { ok: false, problem: 'is not an ISO 8601 timestamp like 2025-03-01T09:30:00Z' };
  }
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second = '0',
    fraction = '',
    zulu,
    sign,
    offsetHours,
    offsetMinutes,
  ] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = parts;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const check = new Date(local);
  const realDate =
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === mo - 1 &&
    check.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  const offset = zulu
    ? 0
    : (Number(offsetHours) * 60 + Number(offsetMinutes ?? '0')) * (sign === '-' ? -1 : 1);
  if (!realDate || Number(offsetHours ?? '0') > 23 || Number(offsetMinutes ?? '0') > 59) {
    return { ok: false, problem: 'is not a real date and time' };
  }
  const ms = local - offset * 60_000;
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}
