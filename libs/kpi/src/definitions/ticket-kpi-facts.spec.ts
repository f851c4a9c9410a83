import { deskDay } from './desk-calendar';
import { computeTicketKpis, Contribution, LogEvent, SiblingTicket } from './ticket-kpi-facts';

const ADA = 'agent-ada';
const BOB = 'agent-bob';
let nextId = 1;
const at = (iso: string): Date => new Date(iso);
function event(
  type: string,
  iso: string,
  fields: Partial<LogEvent> = {},
  payload: Record<string, unknown> = {},
): LogEvent {
  nextId += 1;
  return { id: String(nextId), type, at: at(iso), actorKind: 'system', actorId: null, payload, ...fields };
}
const byAgent = (agentId: string) => ({ actorKind: 'agent', actorId: agentId });
const reply = (iso: string, agentId: string) =>
  event('message', iso, byAgent(agentId), { author: 'agent', visibility: 'public' });
const note = (iso: string, agentId: string) =>
  event('message', iso, byAgent(agentId), { author: 'agent', visibility: 'internal' });
const customer = (iso: string) =>
  event('message', iso, { actorKind: 'customer' }, { author: 'customer', visibility: 'public' });
const solved = (iso: string, agentId: string) => event('ticket.solved', iso, byAgent(agentId));
const reopened = (iso: string) => event('ticket.reopened', iso, { actorKind: 'customer' });
const rating = (iso: string, value: number) =>
  event('csat', iso, { actorKind: 'customer' }, { rating: value });

const basics = {
  ticketId: 't1',
  channel: 'email',
  category: 'duplicate_charge',
  accountId: 'acc-1',
  createdAt: at('2026-03-02T09:00:00Z'),
  // A normal-priority policy: first response within 4 h, resolution within 24 h.
  firstResponseDueAt: at('2026-03-02T13:00:00Z'),
  resolutionDueAt: at('2026-03-03T09:00:00Z'),
};
const options = { dayOf: deskDay('UTC'), fcrWindowDays: 7 };
const created = () => event('ticket.created', '2026-03-02T09:00:00Z', { actorKind: 'agent', actorId: ADA });
const compute = (log: LogEvent[], siblings: SiblingTicket[] = [], tz = 'UTC') =>
  computeTicketKpis(basics, log, siblings, { ...options, dayOf: deskDay(tz) });
const only = (contributions: Contribution[], kind: string) =>
  contributions.filter((c) => c.kind === kind).map(({ kind: _kind, eventId: _eventId, ...rest }) => rest);

describe('KPI definitions, worked examples', () => {
  it('first response: the earliest public agent contact after creation, notes do not count', () => {
    const first = reply('2026-03-02T09:30:00Z', BOB);
    const { facts, contributions } = compute([
      created(),
      customer('2026-03-02T09:00:00Z'),
      note('2026-03-02T09:05:00Z', ADA),
      first,
      reply('2026-03-02T10:00:00Z', ADA),
    ]);
    expect(facts.firstResponse).toEqual({ at: first.at, seconds: 1800, agentId: BOB, eventId: first.id });
    expect(only(contributions, 'first_response')).toEqual([
      { agentId: BOB, day: '2026-03-02', dimension: '', amount: 1800 },
    ]);
    expect(only(contributions, 'contact')).toHaveLength(2);
  });

  it('a call is an agent contact too', () => {
    const call = event('call', '2026-03-02T09:10:00Z', byAgent(ADA), {
      endedAt: '2026-03-02T09:20:00Z',
      wrapUpSeconds: 60,
    });
    expect(compute([created(), call]).facts.firstResponse).toMatchObject({ seconds: 600, agentId: ADA });
  });

  it('resolution: a reopen removes the earlier solve; the later solve counts; the reopen is charged to the undone solve', () => {
    const finalSolve = solved('2026-03-04T12:00:00Z', BOB);
    const { facts, contributions } = compute([
      created(),
      reply('2026-03-02T10:00:00Z', ADA),
      solved('2026-03-02T11:00:00Z', ADA),
      reopened('2026-03-03T08:00:00Z'),
      reply('2026-03-04T11:00:00Z', BOB),
      finalSolve,
    ]);
    // 2026-03-02 09:00 → 2026-03-04 12:00 = 51 h
    expect(facts.resolution).toEqual({
      at: finalSolve.at,
      seconds: 51 * 3600,
      agentId: BOB,
      eventId: finalSolve.id,
    });
    expect(only(contributions, 'resolution')).toEqual([
      { agentId: BOB, day: '2026-03-04', dimension: '', amount: 183600 },
    ]);
    expect(only(contributions, 'reopen')).toEqual([
      { agentId: ADA, day: '2026-03-03', dimension: '', amount: 0 },
    ]);
    expect(facts.reopens).toBe(1);
    expect(facts.fcr).toBe(false);
  });

  it('a ticket reopened and not solved again has no resolution', () => {
    const { facts, contributions } = compute([
      created(),
      solved('2026-03-02T11:00:00Z', ADA),
      reopened('2026-03-03T08:00:00Z'),
    ]);
    expect(facts.resolution).toBeNull();
    expect(only(contributions, 'resolution')).toEqual([]);
  });

  it('credits a solve without an agent to the assignee at that moment', () => {
    const { facts } = compute([
      created(),
      event('ticket.assigned', '2026-03-02T09:01:00Z', byAgent(ADA), { agentId: BOB }),
      event('ticket.solved', '2026-03-02T10:00:00Z'),
      event('ticket.assigned', '2026-03-02T11:00:00Z', byAgent(ADA), { agentId: ADA }),
    ]);
    expect(facts.resolution?.agentId).toBe(BOB);
  });

  describe('first contact resolution', () => {
    const log = () => [
      created(),
      customer('2026-03-02T09:00:00Z'),
      reply('2026-03-02T10:00:00Z', ADA),
      solved('2026-03-02T10:05:00Z', ADA),
    ];

    it('is one contact, solved, never reopened, no repeat contact', () => {
      const { facts, contributions } = compute(log());
      expect(facts).toMatchObject({ fcr: true, contactsBeforeResolution: 1 });
      expect(only(contributions, 'fcr')).toEqual([
        { agentId: ADA, day: '2026-03-02', dimension: '', amount: 0 },
      ]);
    });

    it('is lost with a second contact before the resolution', () => {
      expect(compute([...log(), reply('2026-03-02T10:01:00Z', ADA)]).facts.fcr).toBe(false);
    });

    it('is revoked by a repeat contact of the same account and category within 7 days of the resolution', () => {
      const repeat = { ticketId: 't2', createdAt: at('2026-03-09T10:00:00Z') }; // 6 days 23 h 55 min later
      const { facts, contributions } = compute(log(), [repeat]);
      expect(facts).toMatchObject({ fcr: false, fcrBrokenByTicketId: 't2' });
      expect(only(contributions, 'fcr')).toEqual([]);
    });

    it('counts a call logged before the ticket was created (the call that led to it) as a contact', () => {
      // The agent takes the call at 08:50, opens the ticket at 09:00, replies at 10:00, solves.
      const call = event('call', '2026-03-02T08:50:00Z', byAgent(ADA), {
        endedAt: '2026-03-02T08:58:00Z',
        wrapUpSeconds: 30,
      });
      const { facts, contributions } = compute([call, ...log()]);
      expect(facts).toMatchObject({ agentContacts: 2, contactsBeforeResolution: 2, fcr: false });
      expect(only(contributions, 'contact')).toHaveLength(2);
      // The first response is still the first contact after creation: the reply, 1 h.
      expect(facts.firstResponse).toMatchObject({ seconds: 3600, agentId: ADA });
      expect(facts.handleSeconds).toBe(8 * 60 + 30);
    });

    it('survives a repeat contact after the window', () => {
      const late = { ticketId: 't3', createdAt: at('2026-03-09T10:05:01Z') };
      expect(compute(log(), [late]).facts.fcr).toBe(true);
    });
  });

  it('handle time: a call is its duration plus wrap-up, a work session its duration, each on the day it started', () => {
    const { facts, contributions } = compute([
      created(),
      event('call', '2026-03-02T23:50:00Z', byAgent(ADA), {
        endedAt: '2026-03-03T00:00:00Z',
        holdSeconds: 120,
        wrapUpSeconds: 60,
      }),
      event('work', '2026-03-03T09:00:00Z', byAgent(ADA), { endedAt: '2026-03-03T09:30:00Z' }),
    ]);
    expect(only(contributions, 'handle')).toEqual([
      { agentId: ADA, day: '2026-03-02', dimension: '', amount: 660 },
      { agentId: ADA, day: '2026-03-03', dimension: '', amount: 1800 },
    ]);
    expect(facts.handleSeconds).toBe(2460);
  });

  it('CSAT: only the latest rating counts, credited to the latest solve before it', () => {
    const { facts, contributions } = compute([
      created(),
      solved('2026-03-02T10:00:00Z', ADA),
      rating('2026-03-02T12:00:00Z', 2),
      reopened('2026-03-03T08:00:00Z'),
      solved('2026-03-03T09:00:00Z', BOB),
      rating('2026-03-10T12:00:00Z', 5),
    ]);
    expect(facts.csat).toMatchObject({ rating: 5, agentId: BOB });
    expect(only(contributions, 'csat')).toEqual([
      { agentId: BOB, day: '2026-03-10', dimension: '', amount: 5 },
    ]);
    expect(only(contributions, 'csat_satisfied')).toHaveLength(1);
  });

  it('CSAT below 4 is a response but not satisfied', () => {
    const { contributions } = compute([
      created(),
      solved('2026-03-02T10:00:00Z', ADA),
      rating('2026-03-02T12:00:00Z', 3),
    ]);
    expect(only(contributions, 'csat')).toHaveLength(1);
    expect(only(contributions, 'csat_satisfied')).toEqual([]);
  });

  it('days are calendar days in the desk’s time zone', () => {
    const { contributions } = compute(
      [created(), reply('2026-03-03T03:00:00Z', ADA)],
      [],
      'America/New_York',
    );
    expect(only(contributions, 'first_response')[0].day).toBe('2026-03-02');
  });

  it('gives the same result whatever order the log arrives in', () => {
    const log = [
      created(),
      customer('2026-03-02T09:00:00Z'),
      reply('2026-03-02T10:00:00Z', ADA),
      solved('2026-03-02T10:05:00Z', ADA),
      rating('2026-03-02T11:00:00Z', 4),
    ];
    expect(compute([...log].reverse())).toEqual(compute(log));
  });

  it('SLA compliance: the first response and the resolution, each met by its due time, credited like them', () => {
    const { contributions } = compute([
      created(),
      reply('2026-03-02T13:00:00Z', BOB),
      solved('2026-03-03T09:00:01Z', ADA),
    ]);
    expect(only(contributions, 'sla_first_response')).toEqual([
      { agentId: BOB, day: '2026-03-02', dimension: '', amount: 1 },
    ]);
    expect(only(contributions, 'sla_resolution')).toEqual([
      { agentId: ADA, day: '2026-03-03', dimension: '', amount: 0 },
    ]);
  });

  it('SLA compliance: a reopen takes the resolution target back until the next solve', () => {
    const log = [created(), solved('2026-03-02T10:00:00Z', ADA), reopened('2026-03-02T11:00:00Z')];
    expect(only(compute(log).contributions, 'sla_resolution')).toEqual([]);
    const resolvedAgain = compute([...log, solved('2026-03-03T10:00:00Z', BOB)]);
    expect(only(resolvedAgain.contributions, 'sla_resolution')).toEqual([
      { agentId: BOB, day: '2026-03-03', dimension: '', amount: 0 },
    ]);
  });

  it('SLA compliance: nothing for a ticket without due times', () => {
    const { contributions } = computeTicketKpis(
      { ...basics, firstResponseDueAt: null, resolutionDueAt: null },
      [created(), reply('2026-03-02T09:30:00Z', BOB), solved('2026-03-02T10:00:00Z', ADA)],
      [],
      options,
    );
    expect(contributions.filter((c) => c.kind.startsWith('sla_'))).toEqual([]);
  });
});
