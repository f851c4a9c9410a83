import { businessIntervals, withBusinessTime } from './business-time';
import { deskDay } from './desk-calendar';
import { computeTicketKpis, LogEvent } from './ticket-kpi-facts';

const ADA = 'agent-ada';
const BOB = 'agent-bob';
const event = (
  id: string,
  type: string,
  iso: string,
  fields: Partial<LogEvent> = {},
  payload = {},
): LogEvent => ({
  id,
  type,
  at: new Date(iso),
  actorKind: 'system',
  actorId: null,
  payload,
  ...fields,
});
const basics = {
  ticketId: 't1',
  channel: 'email',
  category: 'incorrect_charge',
  accountId: null,
  createdAt: new Date('2026-03-06T16:00:00Z'),
  firstResponseDueAt: null,
  resolutionDueAt: null,
};
const options = { dayOf: deskDay('UTC'), fcrWindowDays: 7 };

// Created on Friday at 16:00; Ada answers on Monday at 10:00; Bob solves on Monday at 11:30.
const log = [
  event('1', 'ticket.created', '2026-03-06T16:00:00Z'),
  event(
    '2',
    'message',
    '2026-03-09T10:00:00Z',
    { actorKind: 'agent', actorId: ADA },
    { author: 'agent', visibility: 'public' },
  ),
  event('3', 'ticket.solved', '2026-03-09T11:30:00Z', { actorKind: 'agent', actorId: BOB }),
];

describe('business-hours FRT and resolution time', () => {
  it('measures creation → first response and creation → resolution', () => {
    const { facts } = computeTicketKpis(basics, log, [], options);
    expect(businessIntervals(facts)).toEqual({
      firstResponse: { since: new Date('2026-03-06T16:00:00Z'), until: new Date('2026-03-09T10:00:00Z') },
      resolution: { since: new Date('2026-03-06T16:00:00Z'), until: new Date('2026-03-09T11:30:00Z') },
    });
  });

  it('has no interval to measure before the first response or the resolution', () => {
    const { facts } = computeTicketKpis(basics, log.slice(0, 1), [], options);
    expect(businessIntervals(facts)).toEqual({ firstResponse: null, resolution: null });
  });

  it('credits each business figure like its calendar one: same agent, day and event', () => {
    // On a 09:00–17:00 desk: Friday 16:00–17:00 and Monday 09:00–10:00 (7,200 s), and to 11:30 (12,600 s).
    const measured = withBusinessTime(computeTicketKpis(basics, log, [], options), {
      firstResponse: 7200,
      resolution: 12_600,
    });
    expect(measured.facts.firstResponse?.seconds).toBe(237_600);
    expect(measured.facts.firstResponseBusinessSeconds).toBe(7200);
    expect(measured.facts.resolutionBusinessSeconds).toBe(12_600);
    const of = (kind: string) =>
      measured.contributions.filter((c) => c.kind === kind).map(({ kind: _kind, ...rest }) => rest);
    expect(of('first_response_business')).toEqual([
      { eventId: '2', agentId: ADA, day: '2026-03-09', dimension: '', amount: 7200 },
    ]);
    expect(of('resolution_business')).toEqual([
      { eventId: '3', agentId: BOB, day: '2026-03-09', dimension: '', amount: 12_600 },
    ]);
    expect(of('first_response')).toEqual([
      { eventId: '2', agentId: ADA, day: '2026-03-09', dimension: '', amount: 237_600 },
    ]);
  });

  it('adds nothing for a ticket without a first response or resolution', () => {
    const result = computeTicketKpis(basics, log.slice(0, 1), [], options);
    const measured = withBusinessTime(result, { firstResponse: null, resolution: null });
    expect(measured.contributions).toEqual(result.contributions);
    expect(measured.facts.firstResponseBusinessSeconds).toBeNull();
    expect(measured.facts.resolutionBusinessSeconds).toBeNull();
  });

  it('refuses a first response or resolution left unmeasured rather than store a wrong zero', () => {
    const result = computeTicketKpis(basics, log, [], options);
    expect(() => withBusinessTime(result, { firstResponse: 7200, resolution: null })).toThrow(
      'ticket t1: no business time measured for its resolution',
    );
  });
});
