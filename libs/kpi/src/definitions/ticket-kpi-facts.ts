/**
 * The KPI definitions (README, "KPI definitions") as one pure function of a ticket's log.
 * Recomputing a ticket from its whole log is what makes the engine exactly-once: the same log
 * always yields the same facts, however often or in whatever order events were delivered.
 */

export interface LogEvent {
  id: string;
  type: string;
  at: Date;
  actorKind: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

export interface TicketBasics {
  ticketId: string;
  channel: string;
  category: string;
  accountId: string | null;
  createdAt: Date;
  /**
   * The ticket's SLA due times (tickets.first_response_due_at, resolution_due_at). A target is
   * re-timed only while it runs, so once the contact or solve that achieves it is in the log,
   * its due time no longer moves: facts computed from it are as stable as the log.
   */
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Another ticket of the same account and category: a possible repeat contact. */
export interface SiblingTicket {
  ticketId: string;
  createdAt: Date;
}

export const CONTRIBUTION_KINDS = [
  'ticket_created',
  'first_response',
  'resolution',
  'first_response_business',
  'resolution_business',
  'sla_first_response',
  'sla_resolution',
  'fcr',
  'reopen',
  'contact',
  'call',
  'handle',
  'csat',
  'csat_satisfied',
  'csat_sent',
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** One row of what a ticket adds to the KPI tables, traceable to the event it came from. */
export interface Contribution {
  kind: ContributionKind;
  eventId: string;
  agentId: string | null;
  day: string;
  dimension: string;
  amount: number;
}

export interface TicketFacts {
  ticketId: string;
  accountId: string | null;
  channel: string;
  category: string;
  createdAt: Date;
  firstResponse: { at: Date; seconds: number; agentId: string | null; eventId: string } | null;
  resolution: { at: Date; seconds: number; agentId: string | null; eventId: string } | null;
  agentContacts: number;
  contactsBeforeResolution: number | null;
  reopens: number;
  fcr: boolean | null;
  fcrBrokenByTicketId: string | null;
  handleSeconds: number;
  csat: { rating: number; agentId: string | null; eventId: string } | null;
  csatSurveys: number;
  lastEventId: string;
}

export interface FactOptions {
  dayOf: (instant: Date) => string;
  fcrWindowDays: number;
}

const seconds = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / 1000);
const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function agentOf(event: LogEvent): string | null {
  return event.actorKind === 'agent' && event.actorId ? event.actorId : text(event.payload.agentId);
}

function isAgentContact(event: LogEvent): boolean {
  if (event.type === 'call') return true;
  return (
    event.type === 'message' && event.payload.author === 'agent' && event.payload.visibility !== 'internal'
  );
}

function endOf(event: LogEvent): Date | null {
  const ended = text(event.payload.endedAt);
  const date = ended ? new Date(ended) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function byLogOrder(a: LogEvent, b: LogEvent): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0)
  );
}

export function computeTicketKpis(
  basics: TicketBasics,
  log: LogEvent[],
  siblings: SiblingTicket[],
  options: FactOptions,
): { facts: TicketFacts; contributions: Contribution[] } {
  const events = [...log].sort(byLogOrder);
  const { dayOf } = options;
  const contributions: Contribution[] = [];
  const add = (c: Omit<Contribution, 'dimension' | 'amount'> & Partial<Contribution>): void => {
    contributions.push({ dimension: '', amount: 0, ...c });
  };

  const created = events.find((event) => event.type === 'ticket.created');
  const createdAt = created?.at ?? basics.createdAt;
  add({
    kind: 'ticket_created',
    eventId: created?.id ?? '0',
    agentId: null,
    day: dayOf(createdAt),
    dimension: `${basics.channel}|${basics.category}`,
  });

  let assignee: string | null = null;
  let openSolve: { at: Date; agentId: string | null; eventId: string } | null = null;
  let latestSolve: { at: Date; agentId: string | null } | null = null;
  let firstResponse: TicketFacts['firstResponse'] = null;
  const contactTimes: Date[] = [];
  let reopens = 0;
  let handleSeconds = 0;
  let csat: (TicketFacts['csat'] & { at: Date }) | null = null;
  let csatSurveys = 0;

  for (const event of events) {
    switch (event.type) {
      case 'ticket.assigned':
        assignee = text(event.payload.agentId);
        break;
      case 'ticket.solved': {
        const agentId =
          event.actorKind === 'agent' && event.actorId
            ? event.actorId
            : (text(event.payload.agentId) ?? assignee);
        latestSolve = { at: event.at, agentId };
        // A second solve without a reopen in between does not move the resolution.
        openSolve ??= { at: event.at, agentId, eventId: event.id };
        break;
      }
      case 'ticket.reopened':
        reopens += 1;
        add({ kind: 'reopen', eventId: event.id, agentId: openSolve?.agentId ?? null, day: dayOf(event.at) });
        openSolve = null;
        break;
      case 'csat': {
        const rating = Number(event.payload.rating);
        if (Number.isInteger(rating) && rating >= 1 && rating <= 5) {
          csat = { rating, agentId: latestSolve?.agentId ?? null, eventId: event.id, at: event.at };
        }
        break;
      }
      case 'csat.sent':
        csatSurveys += 1;
        add({
          kind: 'csat_sent',
          eventId: event.id,
          agentId: latestSolve?.agentId ?? null,
          day: dayOf(event.at),
        });
        break;
      case 'call':
      case 'work': {
        const agentId = agentOf(event);
        const ended = endOf(event);
        if (ended && ended >= event.at) {
          const wrapUp = event.type === 'call' ? Math.max(0, Number(event.payload.wrapUpSeconds) || 0) : 0;
          const handled = seconds(event.at, ended) + wrapUp;
          handleSeconds += handled;
          add({ kind: 'handle', eventId: event.id, agentId, day: dayOf(event.at), amount: handled });
        }
        if (event.type === 'call') add({ kind: 'call', eventId: event.id, agentId, day: dayOf(event.at) });
        break;
      }
    }
    if (isAgentContact(event)) {
      const agentId = agentOf(event);
      // Every contact counts, also one logged before the ticket's creation time (a phone call
      // that led to the ticket); only the first response must come after the creation.
      contactTimes.push(event.at);
      add({ kind: 'contact', eventId: event.id, agentId, day: dayOf(event.at), dimension: basics.channel });
      if (!firstResponse && event.at >= createdAt) {
        firstResponse = { at: event.at, seconds: seconds(createdAt, event.at), agentId, eventId: event.id };
        add({
          kind: 'first_response',
          eventId: event.id,
          agentId,
          day: dayOf(event.at),
          amount: firstResponse.seconds,
        });
        if (basics.firstResponseDueAt) {
          add({
            kind: 'sla_first_response',
            eventId: event.id,
            agentId,
            day: dayOf(event.at),
            amount: event.at <= basics.firstResponseDueAt ? 1 : 0,
          });
        }
      }
    }
  }

  const resolved = openSolve;
  let resolution: TicketFacts['resolution'] = null;
  let fcr: boolean | null = null;
  let fcrBrokenByTicketId: string | null = null;
  let contactsBeforeResolution: number | null = null;
  if (resolved) {
    resolution = { ...resolved, seconds: seconds(createdAt, resolved.at) };
    const day = dayOf(resolved.at);
    add({
      kind: 'resolution',
      eventId: resolved.eventId,
      agentId: resolved.agentId,
      day,
      amount: resolution.seconds,
    });
    if (basics.resolutionDueAt) {
      add({
        kind: 'sla_resolution',
        eventId: resolved.eventId,
        agentId: resolved.agentId,
        day,
        amount: resolved.at <= basics.resolutionDueAt ? 1 : 0,
      });
    }
    contactsBeforeResolution = contactTimes.filter((at) => at <= resolved.at).length;
    const windowEnd = resolved.at.getTime() + options.fcrWindowDays * 86_400_000;
    const repeat = basics.accountId
      ? siblings
          .filter((sibling) => sibling.ticketId !== basics.ticketId)
          .filter((sibling) => sibling.createdAt > resolved.at && sibling.createdAt.getTime() <= windowEnd)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
      : undefined;
    fcrBrokenByTicketId = repeat?.ticketId ?? null;
    fcr = contactsBeforeResolution <= 1 && reopens === 0 && !repeat;
    if (fcr) add({ kind: 'fcr', eventId: resolved.eventId, agentId: resolved.agentId, day });
  }

  if (csat) {
    const day = dayOf(csat.at);
    add({ kind: 'csat', eventId: csat.eventId, agentId: csat.agentId, day, amount: csat.rating });
    if (csat.rating >= 4) add({ kind: 'csat_satisfied', eventId: csat.eventId, agentId: csat.agentId, day });
  }

  const lastEventId = events.reduce((max, event) => (BigInt(event.id) > BigInt(max) ? event.id : max), '0');
  return {
    facts: {
      ticketId: basics.ticketId,
      accountId: basics.accountId,
      channel: basics.channel,
      category: basics.category,
      createdAt,
      firstResponse,
      resolution,
      agentContacts: contactTimes.length,
      contactsBeforeResolution,
      reopens,
      fcr,
      fcrBrokenByTicketId,
      handleSeconds,
      csat: csat ? { rating: csat.rating, agentId: csat.agentId, eventId: csat.eventId } : null,
      csatSurveys,
      lastEventId,
    },
    contributions,
  };
}
