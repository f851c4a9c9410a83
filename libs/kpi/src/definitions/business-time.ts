/**
 * The business-hours variants of FRT and resolution time (README, "KPI definitions"): the same
 * intervals as the calendar figures, measured on the desk's business hours. Measuring needs the
 * schedule, which lives in the database (the SLA's business clock measures with it too), so it is
 * a second step after `computeTicketKpis`: the projector measures every ticket's intervals of a
 * batch at once, then adds the results here.
 */
import { Contribution, ContributionKind, TicketFacts } from './ticket-kpi-facts';

/** A span of time to measure in business seconds. */
export interface Interval {
  since: Date;
  until: Date;
}

/** Business seconds of a ticket's two intervals; null where the ticket has no such interval. */
export interface BusinessTime {
  firstResponse: number | null;
  resolution: number | null;
}

export interface MeasuredTicketFacts extends TicketFacts {
  firstResponseBusinessSeconds: number | null;
  resolutionBusinessSeconds: number | null;
}

/** The intervals the business-hours figures measure: creation → first response, creation → resolution. */
export function businessIntervals(facts: TicketFacts): {
  firstResponse: Interval | null;
  resolution: Interval | null;
} {
  return {
    firstResponse: facts.firstResponse ? { since: facts.createdAt, until: facts.firstResponse.at } : null,
    resolution: facts.resolution ? { since: facts.createdAt, until: facts.resolution.at } : null,
  };
}

const BUSINESS_KIND: Partial<Record<ContributionKind, ContributionKind>> = {
  first_response: 'first_response_business',
  resolution: 'resolution_business',
};

/**
 * Adds the measured business seconds to a ticket's facts, and a business contribution next to
 * each calendar one, credited alike (agent, day, event).
 */
export function withBusinessTime(
  result: { facts: TicketFacts; contributions: Contribution[] },
  measured: BusinessTime,
): { facts: MeasuredTicketFacts; contributions: Contribution[] } {
  const amountOf: Partial<Record<ContributionKind, number | null>> = {
    first_response_business: measured.firstResponse,
    resolution_business: measured.resolution,
  };
  const business: Contribution[] = [];
  for (const contribution of result.contributions) {
    const kind = BUSINESS_KIND[contribution.kind];
    if (!kind) continue;
    const amount = amountOf[kind];
    if (amount === null || amount === undefined) {
      throw new Error(
        `ticket ${result.facts.ticketId}: no business time measured for its ${contribution.kind}`,
      );
    }
    business.push({ ...contribution, kind, amount });
  }
  return {
    facts: {
      ...result.facts,
      firstResponseBusinessSeconds: result.facts.firstResponse ? measured.firstResponse : null,
      resolutionBusinessSeconds: result.facts.resolution ? measured.resolution : null,
    },
    contributions: [...result.contributions, ...business],
  };
}
