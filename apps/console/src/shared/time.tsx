import { useSession } from '../auth/session';
import { exactTime, shortTime } from './format';

/** An instant shown short, with the exact time (agent's zone) visible on hover and to screen readers. */
export function Time({ at, exact = false }: { at: string; exact?: boolean }) {
  const { timeZone } = useSession();
  const full = `${exactTime(at, timeZone)} (${timeZone})`;
  return (
    <time dateTime={at} title={full}>
      {exact ? exactTime(at, timeZone) : shortTime(at, timeZone)}
    </time>
  );
}
