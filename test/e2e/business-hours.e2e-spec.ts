import { QueueMetricsMessage, Wire } from '@ledgerdesk/contracts';
import { MONDAY_TO_FRIDAY, openOn } from '../support/business-hours';
import { uniquePrefix } from '../support/history-import';
import { importHistory, useOwnDatabase } from '../support/kpi';
import { connectLive, listen } from '../support/live';
import { seededRandom } from '../support/seeded-random';
import { TestAgent, TestApp } from '../support/test-app';
import { expectApiError, expectFieldError } from '../support/tickets';

/**
 * Business hours: the due-time computation (`business_time_after_seconds`, migrations
 * BusinessHours and SlaPauseWhilePending) and its inverse (`business_seconds_between`) against
 * worked examples and an independent minute-by-minute count, the routes' refusals, and
 * policies switched to business hours with the schedule changing under them. On a database of
 * its own: it changes the desk-wide schedule and the `low` policy, which other files rely on.
 */

const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface Interval {
  weekday: number;
  opens: string;
  closes: string;
}

interface Schedule {
  zone: string;
  hours: Interval[];
  holidays: string[];
}

const MONDAY_TO_FRIDAY_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opens: '09:00',
  closes: '17:00',
}));
const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The independent computation: walk the timeline a minute at a time, asking Intl for each
 * minute's local date, weekday and time, and tell whether the desk is open in it. Times must be
 * whole minutes.
 */
function openInMinuteAt(schedule: Schedule): (at: number) => boolean {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: schedule.zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const holidays = new Set(schedule.holidays);
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
    const day = `${parts.year}-${parts.month}-${parts.day}`;
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    return (
      !holidays.has(day) &&
      schedule.hours.some(
        (interval) =>
          interval.weekday === WEEKDAY_NUMBER[parts.weekday] &&
          minute >= minutesOfDay(interval.opens) &&
          minute < minutesOfDay(interval.closes),
      )
    );
  };
}

function oracleDueAt(start: Date, minutes: number, schedule: Schedule): Date {
  const open = openInMinuteAt(schedule);
  let left = minutes;
  for (let at = start.getTime(); ; at += 60_000) {
    if (open(at) && --left === 0) return new Date(at + 60_000);
  }
}

function oracleOpenMinutesBetween(since: Date, until: Date, schedule: Schedule): number {
  const open = openInMinuteAt(schedule);
  let count = 0;
  for (let at = since.getTime(); at < until.getTime(); at += 60_000) if (open(at)) count += 1;
  return count;
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('business hours (/api/sla/business-hours)', () => {
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('business_hours');
    testApp = await TestApp.start();
    [admin, supervisor, agent] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent'),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
    await restoreDatabase();
  });

  const LOW = { firstResponseMinutes: 480, resolutionMinutes: 4320 };
  const put = (priority: string, body: unknown) =>
    testApp
      .http()
      .put(`/api/sla/policies/${priority}`)
      .set('Authorization', supervisor.auth)
      .send(body as object);

  const slaOf = async (
    id: string,
  ): Promise<{ firstResponse: { dueAt: string }; resolution: { dueAt: string } }> =>
    (await testApp.http().get(`/api/tickets/${id}`).set('Authorization', supervisor.auth).expect(200)).body
      .sla;

  const scheduleArguments = (schedule: Schedule): unknown[] => [
    schedule.zone,
    schedule.hours.map((interval) => interval.weekday),
    schedule.hours.map((interval) => interval.opens),
    schedule.hours.map((interval) => interval.closes),
    schedule.holidays,
  ];
  const iso = (at: string | Date): string => (at instanceof Date ? at.toISOString() : at);

  const dueAt = async (start: string | Date, minutes: number, schedule: Schedule): Promise<Date> => {
    const [row] = await testApp.dataSource.query<{ due: Date }[]>(
      `SELECT business_time_after_seconds($1::timestamptz, $2, $3, $4::smallint[], $5::time[], $6::time[],
                                          $7::date[]) AS due`,
      [iso(start), minutes * 60, ...scheduleArguments(schedule)],
    );
    return row.due;
  };

  const openSecondsBetween = async (since: string | Date, until: string | Date, schedule: Schedule) => {
    const [row] = await testApp.dataSource.query<{ seconds: number }[]>(
      `SELECT business_seconds_between($1::timestamptz, $2::timestamptz, $3, $4::smallint[], $5::time[],
                                       $6::time[], $7::date[]) AS seconds`,
      [iso(since), iso(until), ...scheduleArguments(schedule)],
    );
    return row.seconds;
  };

  const berlinNineToFive: Schedule = { zone: 'Europe/Berlin', hours: MONDAY_TO_FRIDAY_9_TO_5, holidays: [] };

  it.each([
    [
      'Friday 16:45 + 30 min runs over the weekend to Monday 09:15',
      '2026-11-20T16:45:00+01:00',
      30,
      '2026-11-23T08:15:00.000Z',
    ],
    ['a Saturday start counts from Monday 09:00', '2026-11-21T10:00:00Z', 60, '2026-11-23T09:00:00.000Z'],
    ['a start before opening counts from 09:00', '2026-11-24T08:00:00+01:00', 60, '2026-11-24T09:00:00.000Z'],
    [
      'a start at closing time counts from the next opening',
      '2026-11-20T17:00:00+01:00',
      1,
      '2026-11-23T08:01:00.000Z',
    ],
    [
      'a target that fills the day is due at closing, not at the next opening',
      '2026-11-23T09:00:00+01:00',
      480,
      '2026-11-23T16:00:00.000Z',
    ],
    [
      'three days of eight hours from Wednesday noon end on Monday noon',
      '2026-11-25T12:00:00+01:00',
      1440,
      '2026-11-30T11:00:00.000Z',
    ],
    ['seconds of the start are kept', '2026-11-23T10:00:30.250+01:00', 15, '2026-11-23T09:15:30.250Z'],
    [
      'across the end of summer time: 1 h on Friday (CEST), 1 h on Monday (CET)',
      '2026-10-23T16:00:00+02:00',
      120,
      '2026-10-26T09:00:00.000Z',
    ],
  ])('%s', async (_case, start, minutes, expected) => {
    expect((await dueAt(start, minutes, berlinNineToFive)).toISOString()).toBe(expected);
  });

  it('skips a holiday as a whole local day', async () => {
    const due = await dueAt('2026-11-20T16:45:00+01:00', 30, {
      ...berlinNineToFive,
      holidays: ['2026-11-23'],
    });
    expect(due.toISOString()).toBe('2026-11-24T08:15:00.000Z');
  });

  it('does not count a lunch break', async () => {
    const lunch: Schedule = {
      zone: 'Europe/Berlin',
      hours: [
        { weekday: 1, opens: '09:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '17:00' },
      ],
      holidays: [],
    };
    expect((await dueAt('2026-11-23T11:30:00+01:00', 60, lunch)).toISOString()).toBe(
      '2026-11-23T12:30:00.000Z',
    );
  });

  it('reads 24:00 as the midnight that ends the day', async () => {
    const evenings: Schedule = {
      zone: 'UTC',
      hours: [{ weekday: 5, opens: '20:00', closes: '24:00' }],
      holidays: [],
    };
    expect((await dueAt('2026-11-20T23:30:00Z', 60, evenings)).toISOString()).toBe(
      '2026-11-27T20:30:00.000Z',
    );
  });

  it('counts real hours, not local days, when a desk open around the clock crosses a DST change', async () => {
    const always: Schedule = {
      zone: 'Europe/Berlin',
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
      holidays: [],
    };
    // Sunday 25 October 2026 has 25 local hours in Berlin.
    expect((await dueAt('2026-10-24T12:00:00Z', 1440, always)).toISOString()).toBe(
      '2026-10-25T12:00:00.000Z',
    );
  });

  it("measures pauses and due times on the desk's own schedule (seeded Monday to Friday 09:00–17:00 UTC)", async () => {
    // What tickets_sla_due asks when a pending ticket resumes, and when it re-times a target.
    const [row] = await testApp.dataSource.query<
      { business: number; calendar: number; businessDue: Date; calendarDue: Date }[]
    >(
      `SELECT sla_clock_seconds('2026-11-20T16:00Z', '2026-11-23T10:00Z', 'business') AS business,
              sla_clock_seconds('2026-11-20T16:00Z', '2026-11-23T10:00Z', 'calendar') AS calendar,
              sla_deadline('2026-11-20T16:00Z', 7200, 'business') AS "businessDue",
              sla_deadline('2026-11-20T16:00Z', 7200, 'calendar') AS "calendarDue"`,
    );
    // Friday 16:00–17:00 and Monday 09:00–10:00; the weekend between counts on calendar time only.
    expect(row).toEqual({
      business: 7200,
      calendar: 66 * 3600,
      businessDue: new Date('2026-11-23T10:00:00Z'),
      calendarDue: new Date('2026-11-20T18:00:00Z'),
    });
  });

  it('falls back to calendar time for a schedule without opening hours', async () => {
    const closed: Schedule = { zone: 'UTC', hours: [], holidays: [] };
    expect((await dueAt('2026-11-20T10:00:00Z', 90, closed)).toISOString()).toBe('2026-11-20T11:30:00.000Z');
  });

  it('agrees with a minute-by-minute count on random schedules, zones, holidays and starts', async () => {
    const random = seededRandom(20261126);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Pacific/Chatham',
    ];
    for (let run = 0; run < 40; run += 1) {
      const hours: Interval[] = [];
      for (let weekday = 1; weekday <= 7; weekday += 1) {
        // Boundaries from 05:00 on: no interval starts or ends in an hour a DST change skips or repeats.
        let from = 5 * 60;
        for (let n = Math.floor(random() * 3); n > 0 && from < 23 * 60; n -= 1) {
          const opens = from + Math.floor(random() * 8) * 15;
          const closes = Math.min(24 * 60, opens + 15 + Math.floor(random() * 40) * 15);
          hours.push({ weekday, opens: hhmm(opens), closes: hhmm(closes) });
          from = closes + 15;
        }
      }
      if (hours.length === 0) hours.push({ weekday: 3, opens: '10:00', closes: '11:00' });
      // 2026, whole minutes; March, April, October and November hold the DST changes of these zones.
      const start = new Date(
        Date.UTC(2026, pick([2, 3, 9, 10]), 1 + Math.floor(random() * 28), 0, Math.floor(random() * 1440)),
      );
      const holidays = [1, 2, 3]
        .filter(() => random() < 0.4)
        .map((offset) => new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10));
      const schedule: Schedule = { zone: pick(zones), hours, holidays };
      // At most two weeks of opening hours, so the minute walk stays short on a sparse schedule.
      const weeklyMinutes = hours.reduce((sum, i) => sum + minutesOfDay(i.closes) - minutesOfDay(i.opens), 0);
      const minutes = 1 + Math.floor(random() * Math.min(1200, 2 * weeklyMinutes));
      const expected = oracleDueAt(start, minutes, schedule);
      const actual = await dueAt(start, minutes, schedule);
      // The time open between two moments (a pause): the inverse at the due time, and the
      // count up to a random moment within twice as long.
      const until = new Date(
        start.getTime() + Math.floor(random() * 2 * (expected.getTime() - start.getTime())),
      );
      until.setUTCSeconds(0, 0);
      expect({
        run,
        schedule,
        start,
        minutes,
        due: actual.toISOString(),
        openSecondsToDue: await openSecondsBetween(start, actual, schedule),
        until,
        openSecondsToUntil: await openSecondsBetween(start, until, schedule),
      }).toEqual({
        run,
        schedule,
        start,
        minutes,
        due: expected.toISOString(),
        openSecondsToDue: minutes * 60,
        until,
        openSecondsToUntil: oracleOpenMinutesBetween(start, until, schedule) * 60,
      });
    }
  });

  describe('refusals (nothing is changed)', () => {
    const putHours = (body: unknown, as: TestAgent = supervisor) =>
      testApp
        .http()
        .put('/api/sla/business-hours')
        .set('Authorization', as.auth)
        .send(body as object);

    it('answers 401 without a token and 403 to an agent', async () => {
      expectApiError(await testApp.http().get('/api/sla/business-hours'), 401);
      const week = { timeZone: 'UTC', hours: [] };
      expectApiError(await putHours(week, agent), 403);
      expectApiError(
        await testApp
          .http()
          .put('/api/sla/business-hours/holidays/2026-12-25')
          .set('Authorization', agent.auth)
          .send({ name: 'x' }),
        403,
      );
      expectApiError(
        await testApp.http().get('/api/sla/business-hours/changes').set('Authorization', agent.auth),
        403,
      );
    });

    it('refuses an unknown time zone, naming timeZone', async () => {
      const response = await putHours({ timeZone: 'Mars/Olympus_Mons', hours: [] });
      expectFieldError(response, 'timeZone');
      expect(response.body.message).toContain('Mars/Olympus_Mons');
    });

    it('refuses malformed intervals, naming each field', async () => {
      const response = await putHours({
        timeZone: 'UTC',
        hours: [
          { day: 'monday', opens: '9:00', closes: '17:00' },
          { day: 'funday', opens: '09:00', closes: '24:30' },
        ],
      });
      expectFieldError(response, 'hours.0.opens');
      expectFieldError(response, 'hours.1.day');
      expectFieldError(response, 'hours.1.closes');
    });

    it('refuses an interval closing before it opens, and overlapping intervals', async () => {
      expectFieldError(
        await putHours({ timeZone: 'UTC', hours: [{ day: 'monday', opens: '17:00', closes: '09:00' }] }),
        'hours.0.closes',
      );
      const overlap = await putHours({
        timeZone: 'UTC',
        hours: [
          { day: 'tuesday', opens: '09:00', closes: '13:00' },
          { day: 'tuesday', opens: '12:00', closes: '17:00' },
        ],
      });
      expectFieldError(overlap, 'hours.1.opens');
      expect(overlap.body.message).toContain('overlaps tuesday 09:00–13:00');
    });

    it('refuses a holiday that is not a date, or without a name', async () => {
      const holiday = (day: string, body: unknown) =>
        testApp
          .http()
          .put(`/api/sla/business-hours/holidays/${day}`)
          .set('Authorization', supervisor.auth)
          .send(body as object);
      expectFieldError(await holiday('2026-02-30', { name: 'Nope' }), 'day');
      expectFieldError(await holiday('christmas', { name: 'Nope' }), 'day');
      expectFieldError(await holiday('2026-12-25', { name: '  ' }), 'name');
      expectFieldError(await holiday('2026-12-25', {}), 'name');
      expectApiError(
        await testApp
          .http()
          .delete('/api/sla/business-hours/holidays/1999-01-01')
          .set('Authorization', supervisor.auth),
        404,
      );
    });

    it('refuses an unknown clock on a policy, naming clock', async () => {
      expectFieldError(
        await testApp
          .http()
          .put('/api/sla/policies/low')
          .set('Authorization', supervisor.auth)
          .send({ ...LOW, clock: 'lunar' }),
        'clock',
      );
    });
  });

  describe('changes', () => {
    const NINE_TO_FIVE = openOn(MONDAY_TO_FRIDAY, '09:00', '17:00');
    const putHours = (body: unknown, as: TestAgent = supervisor) =>
      testApp
        .http()
        .put('/api/sla/business-hours')
        .set('Authorization', as.auth)
        .send(body as object);
    const holiday = (method: 'put' | 'delete', day: string, body?: object) =>
      testApp
        .http()
        [method](`/api/sla/business-hours/holidays/${day}`)
        .set('Authorization', supervisor.auth)
        .send(body);
    let ticketId: string;

    it('shows the seeded opening hours to any agent: Monday to Friday 09:00–17:00 UTC, no holidays', async () => {
      const response = await testApp
        .http()
        .get('/api/sla/business-hours')
        .set('Authorization', agent.auth)
        .expect(200);
      expect(response.body).toEqual({
        timeZone: 'UTC',
        hours: NINE_TO_FIVE,
        holidays: [],
        updatedAt: expect.any(String),
        updatedBy: null,
      });
    });

    it('switches a policy to business hours and re-times its running targets', async () => {
      const saved = await putHours({ timeZone: 'europe/berlin', hours: NINE_TO_FIVE }).expect(200);
      expect(saved.body).toMatchObject({
        timeZone: 'Europe/Berlin',
        hours: NINE_TO_FIVE,
        retimedTickets: 0,
        updatedBy: { id: supervisor.id },
      });

      // Created on Friday 20 November 2026 at 16:00 in Berlin, an hour before closing.
      const key = uniquePrefix('business-hours');
      await importHistory(testApp, admin, [
        {
          id: `${key}-created`,
          type: 'ticket.created',
          ticket: key,
          at: '2026-11-20T16:00:00+01:00',
          channel: 'email',
          subject: 'Invoice in the wrong currency',
          priority: 'low',
          requester: { email: `${key}@customer.example` },
        },
      ]);
      [{ id: ticketId }] = await testApp.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE external_key = $1`,
        [key],
      );

      const policy = await put('low', {
        firstResponseMinutes: 60,
        resolutionMinutes: 600,
        clock: 'business',
      });
      expect(policy.status).toBe(200);
      expect(policy.body).toMatchObject({ priority: 'low', clock: 'business' });
      expect(policy.body.retimedTickets).toBeGreaterThanOrEqual(1);
      // First response: the hour left on Friday. Resolution, 10 h: Friday 1 h, Monday 8 h, Tuesday 1 h.
      expect(await slaOf(ticketId)).toMatchObject({
        firstResponse: { dueAt: '2026-11-20T16:00:00.000Z' },
        resolution: { dueAt: '2026-11-24T09:00:00.000Z' },
      });

      // A ticket arriving now gets business-hours due times at once (the trigger, not a re-timing):
      // Saturday 11:00 counts from Monday 09:00 Berlin; resolution Monday 8 h, Tuesday 2 h.
      const saturdayKey = uniquePrefix('business-hours-saturday');
      await importHistory(testApp, admin, [
        {
          id: `${saturdayKey}-created`,
          type: 'ticket.created',
          ticket: saturdayKey,
          at: '2026-11-21T11:00:00+01:00',
          channel: 'chat',
          subject: 'Charged twice',
          priority: 'low',
          requester: { email: `${saturdayKey}@customer.example` },
        },
      ]);
      const [saturday] = await testApp.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE external_key = $1`,
        [saturdayKey],
      );
      expect(await slaOf(saturday.id)).toMatchObject({
        firstResponse: { dueAt: '2026-11-23T09:00:00.000Z' },
        resolution: { dueAt: '2026-11-24T10:00:00.000Z' },
      });

      const changes = await testApp
        .http()
        .get('/api/sla/policies/changes')
        .set('Authorization', supervisor.auth)
        .expect(200);
      expect(changes.body[0]).toMatchObject({
        priority: 'low',
        clock: 'business',
        previousClock: 'calendar',
      });
    });

    it('moves business-hours due times over a holiday; a rename moves nothing; removing it moves them back', async () => {
      const added = await holiday('put', '2026-11-23', { name: 'Staff day' }).expect(200);
      expect(added.body.holidays).toEqual([{ day: '2026-11-23', name: 'Staff day' }]);
      expect(added.body.retimedTickets).toBeGreaterThanOrEqual(1);
      expect(await slaOf(ticketId)).toMatchObject({
        firstResponse: { dueAt: '2026-11-20T16:00:00.000Z' },
        resolution: { dueAt: '2026-11-25T09:00:00.000Z' },
      });

      const renamed = await holiday('put', '2026-11-23', { name: ' Staff training day ' }).expect(200);
      expect(renamed.body).toMatchObject({
        holidays: [{ day: '2026-11-23', name: 'Staff training day' }],
        retimedTickets: 0,
      });

      const removed = await holiday('delete', '2026-11-23').expect(200);
      expect(removed.body.holidays).toEqual([]);
      expect((await slaOf(ticketId)).resolution.dueAt).toBe('2026-11-24T09:00:00.000Z');

      const changes = await testApp
        .http()
        .get('/api/sla/business-hours/changes')
        .set('Authorization', supervisor.auth)
        .expect(200);
      expect(changes.body.slice(0, 3)).toEqual([
        expect.objectContaining({
          change: 'holiday_removed',
          before: { day: '2026-11-23', name: 'Staff training day' },
          after: null,
          changedBy: { id: supervisor.id, name: expect.any(String) },
        }),
        expect.objectContaining({ change: 'holiday_renamed', retimedTickets: 0 }),
        expect.objectContaining({
          change: 'holiday_added',
          before: null,
          after: { day: '2026-11-23', name: 'Staff day' },
        }),
      ]);
    });

    it('re-times on new opening hours, and refuses to close the desk while a policy runs on its hours', async () => {
      const lunchBreak = NINE_TO_FIVE.flatMap(({ day }) => [
        { day, opens: '08:00', closes: '12:00' },
        { day, opens: '13:00', closes: '17:00' },
      ]);
      const saved = await putHours({ timeZone: 'Europe/Berlin', hours: lunchBreak }).expect(200);
      expect(saved.body.retimedTickets).toBeGreaterThanOrEqual(1);
      // Friday 16:00–17:00, Monday 8 h, Tuesday 08:00–09:00.
      expect((await slaOf(ticketId)).resolution.dueAt).toBe('2026-11-24T08:00:00.000Z');

      const closed = await putHours({ timeZone: 'Europe/Berlin', hours: [] });
      expectApiError(closed, 422, 'hours');
      expect(closed.body.message).toBe(
        'hours must not be empty while the low SLA policy uses business hours: switch it to calendar time first',
      );
      const unchanged = await testApp.http().get('/api/sla/business-hours').set('Authorization', agent.auth);
      expect(unchanged.body.hours).toHaveLength(10);
    });

    it('runs every minute again on calendar time; business hours need opening hours', async () => {
      const calendar = await put('low', {
        firstResponseMinutes: 60,
        resolutionMinutes: 600,
        clock: 'calendar',
      });
      expect(calendar.status).toBe(200);
      expect(await slaOf(ticketId)).toMatchObject({
        firstResponse: { dueAt: '2026-11-20T16:00:00.000Z' },
        resolution: { dueAt: '2026-11-21T01:00:00.000Z' },
      });

      await putHours({ timeZone: 'UTC', hours: [] }).expect(200);
      expectApiError(await put('low', { ...LOW, clock: 'business' }), 422, 'clock');
      const restored = await putHours({ timeZone: 'UTC', hours: NINE_TO_FIVE }).expect(200);
      expect(restored.body).toMatchObject({ timeZone: 'UTC', hours: NINE_TO_FIVE, holidays: [] });
    });

    it("tells the supervisors' live dashboards within a second", async () => {
      const watching = await connectLive(await listen(testApp), supervisor);
      try {
        await watching.next<Wire<QueueMetricsMessage>>('queue.metrics');
        watching.clear('queue.metrics');
        await holiday('put', '2027-01-01', { name: "New Year's Day" }).expect(200);
        const committed = Date.now();
        await watching.next<Wire<QueueMetricsMessage>>(
          'queue.metrics',
          (message) => Date.parse(message.at) >= committed - 50,
          1000,
        );
        expect(Date.now() - committed).toBeLessThan(1000);
      } finally {
        watching.close();
      }
    });
  });
});
