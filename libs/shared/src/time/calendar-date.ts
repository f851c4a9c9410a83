import { IsISO8601, Matches } from 'class-validator';

/** The shape of a calendar date; only `IsISO8601({ strict: true })` rejects days like 2026-02-30. */
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * A `YYYY-MM-DD` calendar day that exists: refused with "<field> must be a date like <example>"
 * when it has another shape, "<field> must be a real calendar date" for a day like 2026-02-30.
 */
export function IsCalendarDate(example: string): PropertyDecorator {
  return (target, property) => {
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' })(target, property);
    Matches(CALENDAR_DATE, { message: `$property must be a date like ${example}` })(target, property);
  };
}
