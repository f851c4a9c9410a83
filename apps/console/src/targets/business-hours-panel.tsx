import { useState, type FormEvent } from 'react';
import { WEEKDAYS, type OpeningHours, type Weekday } from '@ledgerdesk/contracts';
import { useSession } from '../auth/session';
import type { BusinessHours, UpdatedBusinessHours } from '../shared/api-types';
import { FieldError, invalidity } from '../shared/field-error';
import { fieldErrors } from '../shared/field-errors';
import { label, plural } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useResource } from '../shared/use-resource';

const OPENS = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSES = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Interval extends OpeningHours {
  key: number;
}

let nextKey = 0;
const withKeys = (hours: OpeningHours[]): Interval[] =>
  hours.map((interval) => ({ ...interval, key: nextKey++ }));

/** `{ 'hours.2.opens': '…' }`: what is wrong with the typed hours, before anything is sent. */
function hoursErrors(timeZone: string, intervals: Interval[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (timeZone.trim() === '') errors.timeZone = 'Enter a time zone like Europe/Berlin';
  intervals.forEach((interval, index) => {
    if (!OPENS.test(interval.opens)) errors[`hours.${index}.opens`] = 'Enter a time like 09:00';
    if (!CLOSES.test(interval.closes))
      errors[`hours.${index}.closes`] = 'Enter a time like 17:00 (24:00 for midnight)';
    else if (OPENS.test(interval.opens) && interval.closes <= interval.opens) {
      errors[`hours.${index}.closes`] = 'Enter a time after the opening time';
    }
  });
  return errors;
}

/** The opening hours and holidays that business-hours SLA policies count; supervisors and admins edit. */
export function BusinessHoursPanel({ editable }: { editable: boolean }) {
  const { api } = useSession();
  const schedule = useResource(() => api.get<BusinessHours>('/api/sla/business-hours'), 'business-hours');
  // Kept here: the form starts again from the reloaded schedule, and would forget it.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="business-hours-title">
      <h2 id="business-hours-title">Business hours</h2>
      <p className="muted">
        What SLA policies on business hours count: the opening hours of each day in the desk&apos;s time zone,
        less holidays. A change re-times the running targets of every unresolved ticket under such a policy.
      </p>
      {Boolean(schedule.error) && !schedule.data && (
        <ErrorState error={schedule.error} onRetry={schedule.reload} />
      )}
      {!schedule.data && !schedule.error && <Loading what="business hours" />}
      {schedule.data &&
        (editable ? (
          <>
            <HoursForm
              key={schedule.data.updatedAt}
              schedule={schedule.data}
              saved={saved}
              onSaving={() => setSaved(null)}
              onSaved={(message) => {
                setSaved(message);
                schedule.reload();
              }}
            />
            <Holidays schedule={schedule.data} onSaved={schedule.reload} />
          </>
        ) : (
          <ReadOnlySchedule schedule={schedule.data} />
        ))}
    </section>
  );
}

function LastChange({ schedule }: { schedule: BusinessHours }) {
  return schedule.updatedBy ? (
    <p className="muted small">
      Last changed by {schedule.updatedBy.name}, <Time at={schedule.updatedAt} />
    </p>
  ) : (
    <p className="muted small">The default schedule</p>
  );
}

function ReadOnlySchedule({ schedule }: { schedule: BusinessHours }) {
  return (
    <>
      <p>Time zone: {schedule.timeZone}</p>
      <table className="targets-table" aria-label="Opening hours per day">
        <tbody>
          {WEEKDAYS.map((day) => {
            const ofDay = schedule.hours.filter((interval) => interval.day === day);
            return (
              <tr key={day} data-day={day}>
                <th scope="row">{label(day)}</th>
                <td>
                  {ofDay.length === 0
                    ? 'Closed'
                    : ofDay.map((interval) => `${interval.opens}–${interval.closes}`).join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Holidays</h3>
      {schedule.holidays.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul>
          {schedule.holidays.map((holiday) => (
            <li key={holiday.day}>
              {holiday.day} {holiday.name}
            </li>
          ))}
        </ul>
      )}
      <LastChange schedule={schedule} />
    </>
  );
}

function HoursForm({
  schedule,
  saved,
  onSaving,
  onSaved,
}: {
  schedule: BusinessHours;
  saved: string | null;
  onSaving: () => void;
  onSaved: (message: string) => void;
}) {
  const { api } = useSession();
  const [timeZone, setTimeZone] = useState(schedule.timeZone);
  const [intervals, setIntervals] = useState<Interval[]>(() => withKeys(schedule.hours));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);

  const change = (key: number, field: 'opens' | 'closes', value: string) =>
    setIntervals((current) =>
      current.map((interval) => (interval.key === key ? { ...interval, [field]: value } : interval)),
    );
  const add = (day: Weekday) =>
    setIntervals((current) => {
      const last = current.filter((interval) => interval.day === day).at(-1);
      const added = last
        ? { day, opens: last.closes === '24:00' ? '23:00' : last.closes, closes: '24:00' }
        : { day, opens: '09:00', closes: '17:00' };
      return [...current, ...withKeys([added])];
    });
  const remove = (key: number) =>
    setIntervals((current) => current.filter((interval) => interval.key !== key));

  async function save(event: FormEvent) {
    event.preventDefault();
    onSaving();
    const invalid = hoursErrors(timeZone, intervals);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const updated = await api.put<UpdatedBusinessHours>('/api/sla/business-hours', {
        timeZone: timeZone.trim(),
        hours: intervals.map(({ day, opens, closes }) => ({ day, opens, closes })),
      });
      onSaved(`Saved; ${plural(updated.retimedTickets, 'open ticket')} re-timed`);
    } catch (failure) {
      const fields = [
        'timeZone',
        'hours',
        ...intervals.flatMap((_, index) => [`hours.${index}.opens`, `hours.${index}.closes`]),
      ];
      setErrors(fieldErrors(failure, fields, 'hours'));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => invalidity(field, errors[field]);

  return (
    <form noValidate onSubmit={(event) => void save(event)} aria-label="Opening hours">
      <label htmlFor="timeZone">Time zone</label>{' '}
      <input
        id="timeZone"
        list="time-zones"
        value={timeZone}
        autoComplete="off"
        onChange={(event) => setTimeZone(event.target.value)}
        {...invalid('timeZone')}
      />
      <datalist id="time-zones">
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FieldError id="timeZone" problem={errors.timeZone} />
      <table className="targets-table business-hours" aria-label="Opening hours per day">
        <tbody>
          {WEEKDAYS.map((day) => {
            const ofDay = intervals
              .map((interval, index) => ({ interval, index }))
              .filter(({ interval }) => interval.day === day);
            return (
              <tr key={day} data-day={day}>
                <th scope="row">{label(day)}</th>
                <td>
                  {ofDay.length === 0 && <span className="muted">Closed</span>}
                  {ofDay.map(({ interval, index }, nth) => {
                    const id = `hours.${index}`;
                    const name = `${label(day)}${ofDay.length > 1 ? ` (${nth + 1})` : ''}`;
                    return (
                      <div key={interval.key} className="inline-form">
                        {(['opens', 'closes'] as const).map((edge, side) => (
                          <span key={edge}>
                            {side === 1 && '– '}
                            <label htmlFor={`${id}.${edge}`} className="visually-hidden">
                              {name}: {edge}
                            </label>
                            <input
                              id={`${id}.${edge}`}
                              className="clock-time"
                              inputMode="numeric"
                              placeholder={edge === 'opens' ? '09:00' : '17:00'}
                              value={interval[edge]}
                              onChange={(event) => change(interval.key, edge, event.target.value)}
                              {...invalid(`${id}.${edge}`)}
                            />
                          </span>
                        ))}
                        <button
                          type="button"
                          className="link"
                          aria-label={`Remove ${name} hours`}
                          onClick={() => remove(interval.key)}
                        >
                          Remove
                        </button>
                        <FieldError id={`${id}.opens`} problem={errors[`${id}.opens`]} />
                        <FieldError id={`${id}.closes`} problem={errors[`${id}.closes`]} />
                      </div>
                    );
                  })}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Add hours on ${label(day)}`}
                    onClick={() => add(day)}
                  >
                    Add hours
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError id="hours" problem={errors.hours} />
      <button type="submit" disabled={busy}>
        Save opening hours
      </button>{' '}
      {saved && (
        <span className="saved" role="status">
          {saved}
        </span>
      )}
      <LastChange schedule={schedule} />
    </form>
  );
}

function Holidays({ schedule, onSaved }: { schedule: BusinessHours; onSaved: () => void }) {
  const { api } = useSession();
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(request: () => Promise<UpdatedBusinessHours>, done: string) {
    setSaved(null);
    setBusy(true);
    try {
      const updated = await request();
      setSaved(`${done}; ${plural(updated.retimedTickets, 'open ticket')} re-timed`);
      onSaved();
      return true;
    } catch (failure) {
      setErrors(fieldErrors(failure, ['day', 'name'], 'name'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const invalid: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) invalid.day = 'Choose a date';
    if (name.trim() === '') invalid.name = 'Enter a name, like Christmas Day';
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    const added = await run(
      () => api.put<UpdatedBusinessHours>(`/api/sla/business-hours/holidays/${day}`, { name: name.trim() }),
      `${day} saved`,
    );
    if (added) {
      setDay('');
      setName('');
    }
  }

  const invalid = (field: string) => invalidity(`holiday-${field}`, errors[field]);

  return (
    <div aria-labelledby="holidays-title">
      <h3 id="holidays-title">Holidays</h3>
      {schedule.holidays.length === 0 ? (
        <p className="muted">None: every week runs on the opening hours above.</p>
      ) : (
        <ul className="holidays">
          {schedule.holidays.map((holiday) => (
            <li key={holiday.day}>
              <span>
                {holiday.day} {holiday.name}
              </span>{' '}
              <button
                type="button"
                className="link"
                aria-label={`Remove ${holiday.name}`}
                disabled={busy}
                onClick={() =>
                  void run(
                    () => api.delete<UpdatedBusinessHours>(`/api/sla/business-hours/holidays/${holiday.day}`),
                    `${holiday.day} removed`,
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        className="inline-form"
        onSubmit={(event) => void add(event)}
        aria-label="Add a holiday"
      >
        <label htmlFor="holiday-day">Date</label>
        <input
          id="holiday-day"
          type="date"
          value={day}
          onChange={(event) => setDay(event.target.value)}
          {...invalid('day')}
        />
        <label htmlFor="holiday-name">Name</label>
        <input
          id="holiday-name"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          {...invalid('name')}
        />
        <button type="submit" disabled={busy}>
          Add holiday
        </button>
        {saved && (
          <span className="saved" role="status">
            {saved}
          </span>
        )}
        <FieldError id="holiday-day" problem={errors.day} />
        <FieldError id="holiday-name" problem={errors.name} />
      </form>
    </div>
  );
}
