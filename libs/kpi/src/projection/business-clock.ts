import { EntityManager } from 'typeorm';
import { Interval } from '../definitions/business-time';

/**
 * Measures intervals in business seconds on the desk's schedule as it is now, in one statement,
 * with `business_seconds_between` (the SLA's business clock): seconds inside opening hours, in
 * the schedule's time zone, less holidays; a desk without opening hours counts every second.
 * Rounded to whole seconds as the calendar figures are (half up, as `Math.round`), so a desk
 * open around the clock measures exactly the calendar figures.
 */
export async function measureBusinessSeconds(
  manager: EntityManager,
  intervals: readonly Interval[],
): Promise<number[]> {
  if (intervals.length === 0) return [];
  const rows = await manager.query<{ seconds: string }[]>(
    `SELECT floor(business_seconds_between(i.since, i.until, s.zone, s.weekdays, s.opens, s.closes, s.holidays) + 0.5)::bigint AS seconds
       FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS i(since, until, n)
       LEFT JOIN business_schedule_arrays() AS s ON true
      ORDER BY i.n`,
    [intervals.map((interval) => interval.since), intervals.map((interval) => interval.until)],
  );
  return rows.map((row) => Number(row.seconds));
}
