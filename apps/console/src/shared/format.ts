/** Formatting of instants, durations and labels in the agent's time zone. */

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "25 Nov 2026, 14:03:07" — the exact instant, to the second. */
export const exactTime = (iso: string, timeZone: string): string =>
  formatter(timeZone, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/** "14:03" today, "25 Nov, 14:03" otherwise. */
export function shortTime(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = dayIn(date, timeZone) === dayIn(now, timeZone);
  return sameDay
    ? formatter(timeZone, { hour: '2-digit', minute: '2-digit' }).format(date)
    : formatter(timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
        date,
      );
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(date: Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    date,
  );
  const part = (type: string): string => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A calendar day (YYYY-MM-DD) as people read it: "25 Nov 2026", "Wed 25 Nov 2026" with the weekday,
 * "25 Nov" without the year. A day is no instant, so it is read and written in UTC: no time zone
 * may move it to the day before. Anything else is shown as it came.
 */
export function calendarDay(day: string, { weekday = false, year = true } = {}): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  const shown = formatter('UTC', {
    day: 'numeric',
    month: 'short',
    year: year ? 'numeric' : undefined,
  }).format(date);
  return weekday ? `${formatter('UTC', { weekday: 'short' }).format(date)} ${shown}` : shown;
}

/** Adds days to a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** "1:05:09", "5:09" or "0:09" for a number of seconds. */
export function clock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** "2 h 05 min", "12 min", "45 s" — a human duration for KPIs. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  if (rounded < 3600) return `${Math.round(rounded / 60)} min`;
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.round((rounded % 3600) / 60);
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/** Words of API values that are written as acronyms ("api" → "API", "csat_survey" → "CSAT survey"). */
const ACRONYMS = new Set(['api', 'aht', 'csat', 'fcr', 'frt', 'sla']);

/** "in_progress" → "In progress", "api" → "API". */
export const label = (value: string): string => {
  const words = value
    .split(/[_.]/)
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "1 ticket", "2 tickets", "1,204 tickets". */
export const plural = (count: number, noun: string): string =>
  `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
