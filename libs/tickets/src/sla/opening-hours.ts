import { OpeningHours, WEEKDAYS } from '@ledgerdesk/contracts';

export interface OpeningHoursProblem {
  field: string;
  problems: string[];
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * What is wrong with a week of opening intervals that field validation cannot see: an interval
 * that closes before it opens, or overlaps another of the same day. Fields are named as the
 * request names them (`hours.2.closes`). None when the week is fine.
 */
export function openingHoursProblems(hours: readonly OpeningHours[]): OpeningHoursProblem[] {
  const problems: OpeningHoursProblem[] = [];
  hours.forEach((interval, index) => {
    if (minutesOf(interval.closes) <= minutesOf(interval.opens)) {
      problems.push({
        field: `hours.${index}.closes`,
        problems: [`must be after opens (${interval.opens})`],
      });
    }
  });
  if (problems.length > 0) return problems;
  for (const day of WEEKDAYS) {
    const ofDay = hours
      .map((interval, index) => ({ ...interval, index }))
      .filter((interval) => interval.day === day)
      .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
    for (let i = 1; i < ofDay.length; i += 1) {
      const [earlier, later] = [ofDay[i - 1], ofDay[i]];
      if (minutesOf(later.opens) < minutesOf(earlier.closes)) {
        problems.push({
          field: `hours.${later.index}.opens`,
          problems: [`overlaps ${day} ${earlier.opens}–${earlier.closes}`],
        });
      }
    }
  }
  return problems;
}

/** Sorted by weekday then opening time, intervals of a day that touch merged into one. */
export function normalisedOpeningHours(hours: readonly OpeningHours[]): OpeningHours[] {
  const sorted = [...hours].sort(
    (a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || minutesOf(a.opens) - minutesOf(b.opens),
  );
  const merged: OpeningHours[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.day === interval.day && last.closes === interval.opens) {
      merged[merged.length - 1] = { ...last, closes: interval.closes };
    } else {
      merged.push({ day: interval.day, opens: interval.opens, closes: interval.closes });
    }
  }
  return merged;
}
