/** day(t): the calendar date of an instant in the desk's time zone, as YYYY-MM-DD. */
export function deskDay(timeZone: string): (instant: Date) => string {
  if (timeZone === 'UTC') return (instant) => instant.toISOString().slice(0, 10);
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (instant) => format.format(instant);
}
