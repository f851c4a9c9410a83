import { Injectable } from '@nestjs/common';
import { AppConfig, useKeyedBatchPlans } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { deskDay } from '../definitions/desk-calendar';
import {
  BusinessTime,
  businessIntervals,
  Interval,
  MeasuredTicketFacts,
  withBusinessTime,
} from '../definitions/business-time';
import { computeTicketKpis, TicketFacts } from '../definitions/ticket-kpi-facts';
import { measureBusinessSeconds } from './business-clock';
import {
  loadPreviousFacts,
  loadSiblings,
  loadStoredContributions,
  loadTicketBasics,
  loadTicketLogs,
  PreviousFacts,
  StoredContribution,
} from './kpi-inputs';
import { applyDeltas, contributionDeltas, replaceContributions, saveFacts } from './kpi-table-writes';

export interface ProjectionOptions {
  /** Mark other tickets whose FCR this batch may have changed (off during a full rebuild). */
  markNeighbours: boolean;
}

/**
 * Brings the KPI tables in line with the logs of some tickets, in the caller's transaction:
 * recompute each ticket's facts from its whole log, then move the daily tables by the
 * difference between its new and its stored contributions. Applying it twice changes nothing,
 * which is what makes delivery retries, duplicate jobs and repeated imports harmless.
 */
@Injectable()
export class KpiProjector {
  private readonly dayOf: (instant: Date) => string;

  constructor(private readonly config: AppConfig) {
    this.dayOf = deskDay(config.deskTimeZone);
  }

  async project(manager: EntityManager, ticketIds: string[], options: ProjectionOptions): Promise<number> {
    const ids = [...new Set(ticketIds)].sort();
    if (ids.length === 0) return 0;
    await useKeyedBatchPlans(manager);
    // One ticket is projected by one transaction at a time, whichever worker holds it.
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(id::text, 7)) FROM unnest($1::uuid[]) AS id ORDER BY id`,
      [ids],
    );

    // One connection inside a transaction: queries run one after the other.
    const tickets = await loadTicketBasics(manager, ids);
    const events = await loadTicketLogs(manager, ids);
    const previous = await loadPreviousFacts(manager, ids);
    const stored = await loadStoredContributions(manager, ids);
    const siblings = await loadSiblings(manager, tickets);

    const computed = tickets.map((ticket) =>
      computeTicketKpis(
        ticket,
        events.get(ticket.ticketId) ?? [],
        siblings.get(`${ticket.accountId}|${ticket.category}`) ?? [],
        { dayOf: this.dayOf, fcrWindowDays: this.config.fcrWindowDays },
      ),
    );
    const businessTimes = await this.measureBusinessTime(
      manager,
      computed.map((result) => result.facts),
    );
    const facts: MeasuredTicketFacts[] = [];
    const fresh: StoredContribution[] = [];
    for (const [index, result] of computed.entries()) {
      const measured = withBusinessTime(result, businessTimes[index]);
      facts.push(measured.facts);
      fresh.push(...measured.contributions.map((c) => ({ ...c, ticketId: result.facts.ticketId })));
    }

    const neighbours = options.markNeighbours ? await this.findNeighbours(manager, facts, previous) : [];
    await this.lockTickets(manager, [...ids, ...neighbours]);
    await applyDeltas(manager, contributionDeltas(stored, fresh));
    await replaceContributions(manager, stored, fresh);
    await saveFacts(manager, facts);
    await this.markPending(manager, neighbours);
    return tickets.length;
  }

  /** Each ticket's business-hours FRT and resolution time, all of the batch's in one statement. */
  private async measureBusinessTime(manager: EntityManager, facts: TicketFacts[]): Promise<BusinessTime[]> {
    const intervals: Interval[] = [];
    const slots = facts.map((fact) => {
      const { firstResponse, resolution } = businessIntervals(fact);
      const slot = (interval: Interval | null): number | null =>
        interval ? intervals.push(interval) - 1 : null;
      return { firstResponse: slot(firstResponse), resolution: slot(resolution) };
    });
    const seconds = await measureBusinessSeconds(manager, intervals);
    const at = (slot: number | null): number | null => (slot === null ? null : seconds[slot]);
    return slots.map((slot) => ({ firstResponse: at(slot.firstResponse), resolution: at(slot.resolution) }));
  }

  /**
   * Takes, before writing anything, the key-share locks that the writes' foreign keys would
   * take one by one in no particular order — on the projected tickets and on the neighbours
   * about to be marked — in the order in which the history import locks tickets (by external
   * key, as JavaScript sorts them: code point order, which is what COLLATE "C" gives). A
   * projection and an import that share tickets then queue behind each other instead of
   * deadlocking (which killed the import or the job). Live tickets have no external key.
   */
  private async lockTickets(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `SELECT 1 FROM tickets WHERE id = ANY($1::uuid[])
        ORDER BY external_key COLLATE "C" NULLS LAST, id FOR KEY SHARE`,
      [ids],
    );
  }

  /**
   * A ticket's FCR depends on later tickets of its account and category. When a ticket appears
   * (or its account, category or creation time changes), the tickets resolved within the FCR
   * window before it are to be recomputed: these are its neighbours.
   *
   * They are looked up in the KPI facts and also in the tickets themselves (solved_at): a
   * projection running at the same time may be computing a neighbour's first facts, which this
   * transaction cannot see yet, from a snapshot in which this ticket was not yet a repeat
   * contact; each would miss the other and leave a stale FCR (seen on the 1M-event benchmark).
   * A ticket's row is committed before its KPI projection starts (with its events, or by the
   * import's projection), so the second lookup cannot miss it. Marking a few tickets too many
   * (a solve the KPI definitions do not count) only recomputes them.
   */
  private async findNeighbours(
    manager: EntityManager,
    facts: TicketFacts[],
    previous: Map<string, PreviousFacts>,
  ): Promise<string[]> {
    const probes: { accountId: string; category: string; createdAt: Date }[] = [];
    for (const fact of facts) {
      const before = previous.get(fact.ticketId);
      const unchanged =
        before &&
        before.accountId === fact.accountId &&
        before.category === fact.category &&
        before.createdAt.getTime() === fact.createdAt.getTime();
      if (unchanged) continue;
      if (fact.accountId)
        probes.push({ accountId: fact.accountId, category: fact.category, createdAt: fact.createdAt });
      if (before?.accountId)
        probes.push({ accountId: before.accountId, category: before.category, createdAt: before.createdAt });
    }
    if (probes.length === 0) return [];
    const rows = await manager.query<{ ticket_id: string }[]>(
      `SELECT DISTINCT n.ticket_id
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS p(account_id, category, created_at)
         CROSS JOIN LATERAL (
           SELECT f.ticket_id FROM kpi_ticket_facts f
            WHERE f.account_id = p.account_id AND f.category = p.category
              AND f.resolved_at < p.created_at AND f.resolved_at >= p.created_at - make_interval(days => $4)
           UNION ALL
           SELECT t.id FROM tickets t
            WHERE t.customer_account_id = p.account_id AND t.category = p.category
              AND t.solved_at < p.created_at AND t.solved_at >= p.created_at - make_interval(days => $4)
           OFFSET 0
         ) AS n
        WHERE NOT (n.ticket_id = ANY($5::uuid[]))
        ORDER BY n.ticket_id`,
      [
        probes.map((p) => p.accountId),
        probes.map((p) => p.category),
        probes.map((p) => p.createdAt),
        this.config.fcrWindowDays,
        facts.map((f) => f.ticketId),
      ],
    );
    return rows.map((row) => row.ticket_id);
  }

  /** Marks tickets in the outbox (in the caller's transaction) and wakes the relay on commit. */
  private async markPending(manager: EntityManager, ticketIds: string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await manager.query(
      `INSERT INTO kpi_pending (ticket_id)
       SELECT id FROM unnest($1::uuid[]) AS id ORDER BY id
       ON CONFLICT (ticket_id) DO UPDATE SET version = kpi_pending.version + 1, marked_at = clock_timestamp()`,
      [ticketIds],
    );
    await manager.query(`SELECT ledgerdesk_notify('kpi_pending', '')`);
  }
}
