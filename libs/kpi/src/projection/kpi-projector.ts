import { Injectable } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { deskDay } from '../definitions/desk-calendar';
import {
  computeTicketKpis,
  Contribution,
  LogEvent,
  SiblingTicket,
  TicketBasics,
  TicketFacts,
} from '../definitions/ticket-kpi-facts';

interface StoredContribution extends Contribution {
  ticketId: string;
}

interface DeltaKey {
  agentId: string | null;
  day: string;
  kind: string;
  dimension: string;
}

interface Delta extends DeltaKey {
  count: number;
  amount: number;
}

export interface ProjectionOptions {
  /** Mark other tickets whose FCR this batch may have changed (off during a full rebuild). */
  markNeighbours: boolean;
}

const keyOf = (c: DeltaKey): string => `${c.agentId ?? ''}\u0000${c.day}\u0000${c.kind}\u0000${c.dimension}`;

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
    // One ticket is projected by one transaction at a time, whichever worker holds it.
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(id::text, 7)) FROM unnest($1::uuid[]) AS id ORDER BY id`,
      [ids],
    );

    // One connection inside a transaction: queries run one after the other.
    const tickets = await this.loadTickets(manager, ids);
    const events = await this.loadEvents(manager, ids);
    const previous = await this.loadPreviousFacts(manager, ids);
    const stored = await this.loadContributions(manager, ids);
    const siblings = await this.loadSiblings(manager, tickets);

    const facts: TicketFacts[] = [];
    const fresh: StoredContribution[] = [];
    for (const ticket of tickets) {
      const result = computeTicketKpis(
        ticket,
        events.get(ticket.ticketId) ?? [],
        siblings.get(`${ticket.accountId}|${ticket.category}`) ?? [],
        { dayOf: this.dayOf, fcrWindowDays: this.config.fcrWindowDays },
      );
      facts.push(result.facts);
      fresh.push(...result.contributions.map((c) => ({ ...c, ticketId: ticket.ticketId })));
    }

    const neighbours = options.markNeighbours ? await this.findNeighbours(manager, facts, previous) : [];
    await this.lockTickets(manager, [...ids, ...neighbours]);
    await this.applyDeltas(manager, this.deltas(stored, fresh));
    await this.replaceContributions(manager, stored, fresh);
    await this.saveFacts(manager, facts);
    await this.markPending(manager, neighbours);
    return tickets.length;
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

  private async loadTickets(manager: EntityManager, ids: string[]): Promise<TicketBasics[]> {
    const rows = await manager.query<
      {
        id: string;
        channel: string;
        category: string;
        customer_account_id: string | null;
        created_at: Date;
      }[]
    >(
      `SELECT id, channel, category, customer_account_id, created_at FROM tickets WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      ticketId: row.id,
      channel: row.channel,
      category: row.category,
      accountId: row.customer_account_id,
      createdAt: row.created_at,
    }));
  }

  private async loadEvents(manager: EntityManager, ids: string[]): Promise<Map<string, LogEvent[]>> {
    // Only the events the definitions read; message payloads are small (bodies live elsewhere).
    // One ticket at a time through the ticket index: the OFFSET 0 fence keeps the type filter
    // out of the scan, which a planner working from stale statistics (a bulk import outgrows
    // them) otherwise answers with a bitmap over the whole type index (2.6x slower on 1M events).
    const rows = await manager.query<
      {
        id: string;
        ticket_id: string;
        type: string;
        at: Date;
        actor_kind: string;
        actor_id: string | null;
        payload: Record<string, unknown>;
      }[]
    >(
      `SELECT e.id, k.ticket_id, e.type, e.at, e.actor_kind, e.actor_id, e.payload
         FROM unnest($1::uuid[]) AS k(ticket_id)
         CROSS JOIN LATERAL (SELECT id, type, at, actor_kind, actor_id, payload FROM ticket_events
                              WHERE ticket_id = k.ticket_id OFFSET 0) e
        WHERE e.type IN ('ticket.created', 'ticket.assigned', 'ticket.solved', 'ticket.reopened', 'message', 'call', 'work', 'csat', 'csat.sent')`,
      [ids],
    );
    const byTicket = new Map<string, LogEvent[]>();
    for (const row of rows) {
      const list = byTicket.get(row.ticket_id) ?? [];
      list.push({
        id: String(row.id),
        type: row.type,
        at: row.at,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        payload: row.payload,
      });
      byTicket.set(row.ticket_id, list);
    }
    return byTicket;
  }

  private async loadPreviousFacts(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { accountId: string | null; category: string; createdAt: Date }>> {
    const rows = await manager.query<
      { ticket_id: string; account_id: string | null; category: string; created_at: Date }[]
    >(
      `SELECT ticket_id, account_id, category, created_at FROM kpi_ticket_facts WHERE ticket_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.ticket_id,
        { accountId: row.account_id, category: row.category, createdAt: row.created_at },
      ]),
    );
  }

  private async loadContributions(manager: EntityManager, ids: string[]): Promise<StoredContribution[]> {
    const rows = await manager.query<
      {
        ticket_id: string;
        kind: Contribution['kind'];
        event_id: string;
        agent_id: string | null;
        day: string;
        dimension: string;
        amount: string;
      }[]
    >(
      `SELECT ticket_id, kind, event_id, agent_id, to_char(day, 'YYYY-MM-DD') AS day, dimension, amount
         FROM kpi_contributions WHERE ticket_id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      ticketId: row.ticket_id,
      kind: row.kind,
      eventId: String(row.event_id),
      agentId: row.agent_id,
      day: row.day,
      dimension: row.dimension,
      amount: Number(row.amount),
    }));
  }

  /** Other tickets of the same account and category: the candidates for a repeat contact. */
  private async loadSiblings(
    manager: EntityManager,
    tickets: TicketBasics[],
  ): Promise<Map<string, SiblingTicket[]>> {
    const linked = tickets.filter((ticket) => ticket.accountId);
    const siblings = new Map<string, SiblingTicket[]>();
    if (linked.length === 0) return siblings;
    const rows = await manager.query<
      { id: string; customer_account_id: string; category: string; created_at: Date }[]
    >(
      `SELECT t.id, t.customer_account_id, t.category, t.created_at
         FROM tickets t
         JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, category)
           ON t.customer_account_id = k.account_id AND t.category = k.category
        WHERE t.created_at > $3`,
      [
        linked.map((ticket) => ticket.accountId),
        linked.map((ticket) => ticket.category),
        new Date(Math.min(...linked.map((ticket) => ticket.createdAt.getTime()))),
      ],
    );
    for (const row of rows) {
      const key = `${row.customer_account_id}|${row.category}`;
      const list = siblings.get(key) ?? [];
      list.push({ ticketId: row.id, createdAt: row.created_at });
      siblings.set(key, list);
    }
    return siblings;
  }

  private deltas(stored: StoredContribution[], fresh: StoredContribution[]): Delta[] {
    const deltas = new Map<string, Delta>();
    const move = (c: Contribution, sign: 1 | -1): void => {
      const key = keyOf(c);
      const delta = deltas.get(key) ?? {
        agentId: c.agentId,
        day: c.day,
        kind: c.kind,
        dimension: c.dimension,
        count: 0,
        amount: 0,
      };
      delta.count += sign;
      delta.amount += sign * c.amount;
      deltas.set(key, delta);
    };
    stored.forEach((c) => move(c, -1));
    fresh.forEach((c) => move(c, 1));
    return [...deltas.entries()]
      .filter(([, delta]) => delta.count !== 0 || delta.amount !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, delta]) => delta);
  }

  private async applyDeltas(manager: EntityManager, deltas: Delta[]): Promise<void> {
    if (deltas.length === 0) return;
    const agentDeltas = deltas.filter((delta) => delta.agentId !== null);
    if (agentDeltas.length > 0) {
      await manager.query(
        `INSERT INTO kpi_agent_daily AS d (agent_id, day, kind, dimension, count, amount)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
         ON CONFLICT (agent_id, day, kind, dimension)
         DO UPDATE SET count = d.count + excluded.count, amount = d.amount + excluded.amount`,
        columns(agentDeltas),
      );
      await manager.query(
        `DELETE FROM kpi_agent_daily d USING unnest($1::uuid[], $2::date[], $3::text[], $4::text[]) AS k(agent_id, day, kind, dimension)
          WHERE d.agent_id = k.agent_id AND d.day = k.day AND d.kind = k.kind AND d.dimension = k.dimension
            AND d.count = 0 AND d.amount = 0`,
        columns(agentDeltas).slice(0, 4),
      );
    }
    // The desk's table sums every contribution, attributed or not.
    const desk = new Map<string, Delta>();
    for (const delta of deltas) {
      const key = keyOf({ ...delta, agentId: null });
      const total = desk.get(key) ?? { ...delta, agentId: null, count: 0, amount: 0 };
      total.count += delta.count;
      total.amount += delta.amount;
      desk.set(key, total);
    }
    const deskDeltas = [...desk.entries()]
      .filter(([, delta]) => delta.count !== 0 || delta.amount !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, delta]) => delta);
    if (deskDeltas.length === 0) return;
    const [, days, kinds, dimensions, counts, amounts] = columns(deskDeltas);
    await manager.query(
      `INSERT INTO kpi_desk_daily AS d (day, kind, dimension, count, amount)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
       ON CONFLICT (day, kind, dimension)
       DO UPDATE SET count = d.count + excluded.count, amount = d.amount + excluded.amount`,
      [days, kinds, dimensions, counts, amounts],
    );
    await manager.query(
      `DELETE FROM kpi_desk_daily d USING unnest($1::date[], $2::text[], $3::text[]) AS k(day, kind, dimension)
        WHERE d.day = k.day AND d.kind = k.kind AND d.dimension = k.dimension AND d.count = 0 AND d.amount = 0`,
      [days, kinds, dimensions],
    );
  }

  /**
   * Makes the stored contributions of these tickets the fresh ones, touching only the rows that
   * differ: a recompute usually adds a row or two and leaves the rest as they were, and rewriting
   * every row would leave the table and its three indexes a dead copy of each one.
   */
  private async replaceContributions(
    manager: EntityManager,
    stored: StoredContribution[],
    fresh: StoredContribution[],
  ): Promise<void> {
    const rowKey = (c: StoredContribution): string => `${c.ticketId}\u0000${c.kind}\u0000${c.eventId}`;
    const same = (a: StoredContribution, b: StoredContribution): boolean =>
      a.agentId === b.agentId && a.day === b.day && a.dimension === b.dimension && a.amount === b.amount;
    const kept = new Map(stored.map((c) => [rowKey(c), c]));
    const added: StoredContribution[] = [];
    for (const c of fresh) {
      const key = rowKey(c);
      const before = kept.get(key);
      if (before && same(before, c)) kept.delete(key);
      else added.push(c);
    }
    // What is left in `kept` is gone or changed: delete it (a changed row is inserted anew).
    const removed = [...kept.values()];
    if (removed.length > 0) {
      await manager.query(
        `DELETE FROM kpi_contributions c USING unnest($1::uuid[], $2::text[], $3::bigint[]) AS k(ticket_id, kind, event_id)
          WHERE c.ticket_id = k.ticket_id AND c.kind = k.kind AND c.event_id = k.event_id`,
        [removed.map((c) => c.ticketId), removed.map((c) => c.kind), removed.map((c) => c.eventId)],
      );
    }
    await this.insertContributions(manager, added);
  }

  private async insertContributions(
    manager: EntityManager,
    contributions: StoredContribution[],
  ): Promise<void> {
    if (contributions.length === 0) return;
    await manager.query(
      `INSERT INTO kpi_contributions (ticket_id, kind, event_id, agent_id, day, dimension, amount)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::uuid[], $5::date[], $6::text[], $7::bigint[])`,
      [
        contributions.map((c) => c.ticketId),
        contributions.map((c) => c.kind),
        contributions.map((c) => c.eventId),
        contributions.map((c) => c.agentId),
        contributions.map((c) => c.day),
        contributions.map((c) => c.dimension),
        contributions.map((c) => c.amount),
      ],
    );
  }

  private async saveFacts(manager: EntityManager, facts: TicketFacts[]): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `INSERT INTO kpi_ticket_facts AS f (
         ticket_id, account_id, channel, category, created_at,
         first_response_at, first_response_seconds, first_response_agent_id, first_response_event_id,
         resolved_at, resolution_seconds, resolution_agent_id, resolution_event_id,
         agent_contacts, contacts_before_resolution, reopens, fcr, fcr_broken_by_ticket_id,
         handle_seconds, csat_rating, csat_agent_id, csat_event_id, csat_surveys, last_event_id, computed_at)
       SELECT r.ticket_id, r.account_id, r.channel, r.category, r.created_at,
              r.first_response_at, r.first_response_seconds, r.first_response_agent_id, r.first_response_event_id,
              r.resolved_at, r.resolution_seconds, r.resolution_agent_id, r.resolution_event_id,
              r.agent_contacts, r.contacts_before_resolution, r.reopens, r.fcr, r.fcr_broken_by_ticket_id,
              r.handle_seconds, r.csat_rating, r.csat_agent_id, r.csat_event_id, r.csat_surveys, r.last_event_id, now()
         FROM json_to_recordset($1::json) AS r(
           ticket_id uuid, account_id uuid, channel text, category text, created_at timestamptz,
           first_response_at timestamptz, first_response_seconds bigint, first_response_agent_id uuid, first_response_event_id bigint,
           resolved_at timestamptz, resolution_seconds bigint, resolution_agent_id uuid, resolution_event_id bigint,
           agent_contacts int, contacts_before_resolution int, reopens int, fcr boolean, fcr_broken_by_ticket_id uuid,
           handle_seconds bigint, csat_rating smallint, csat_agent_id uuid, csat_event_id bigint, csat_surveys int,
           last_event_id bigint)
       ON CONFLICT (ticket_id) DO UPDATE SET
         account_id = excluded.account_id, channel = excluded.channel, category = excluded.category,
         created_at = excluded.created_at, first_response_at = excluded.first_response_at,
         first_response_seconds = excluded.first_response_seconds, first_response_agent_id = excluded.first_response_agent_id,
         first_response_event_id = excluded.first_response_event_id, resolved_at = excluded.resolved_at,
         resolution_seconds = excluded.resolution_seconds, resolution_agent_id = excluded.resolution_agent_id,
         resolution_event_id = excluded.resolution_event_id, agent_contacts = excluded.agent_contacts,
         contacts_before_resolution = excluded.contacts_before_resolution, reopens = excluded.reopens,
         fcr = excluded.fcr, fcr_broken_by_ticket_id = excluded.fcr_broken_by_ticket_id,
         handle_seconds = excluded.handle_seconds, csat_rating = excluded.csat_rating,
         csat_agent_id = excluded.csat_agent_id, csat_event_id = excluded.csat_event_id,
         csat_surveys = excluded.csat_surveys, last_event_id = excluded.last_event_id, computed_at = now()`,
      [
        JSON.stringify(
          facts.map((f) => ({
            ticket_id: f.ticketId,
            account_id: f.accountId,
            channel: f.channel,
            category: f.category,
            created_at: f.createdAt,
            first_response_at: f.firstResponse?.at ?? null,
            first_response_seconds: f.firstResponse?.seconds ?? null,
            first_response_agent_id: f.firstResponse?.agentId ?? null,
            first_response_event_id: f.firstResponse?.eventId ?? null,
            resolved_at: f.resolution?.at ?? null,
            resolution_seconds: f.resolution?.seconds ?? null,
            resolution_agent_id: f.resolution?.agentId ?? null,
            resolution_event_id: f.resolution?.eventId ?? null,
            agent_contacts: f.agentContacts,
            contacts_before_resolution: f.contactsBeforeResolution,
            reopens: f.reopens,
            fcr: f.fcr,
            fcr_broken_by_ticket_id: f.fcrBrokenByTicketId,
            handle_seconds: f.handleSeconds,
            csat_rating: f.csat?.rating ?? null,
            csat_agent_id: f.csat?.agentId ?? null,
            csat_event_id: f.csat?.eventId ?? null,
            csat_surveys: f.csatSurveys,
            last_event_id: f.lastEventId,
          })),
        ),
      ],
    );
  }

  /**
   * A ticket's FCR depends on later tickets of its account and category. When a ticket appears
   * (or its account, category or creation time changes), the tickets resolved within the FCR
   * window before it are to be recomputed: these are its neighbours.
   */
  private async findNeighbours(
    manager: EntityManager,
    facts: TicketFacts[],
    previous: Map<string, { accountId: string | null; category: string; createdAt: Date }>,
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
      `SELECT DISTINCT f.ticket_id
         FROM kpi_ticket_facts f
         JOIN unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS p(account_id, category, created_at)
           ON f.account_id = p.account_id AND f.category = p.category
          AND f.resolved_at < p.created_at AND f.resolved_at >= p.created_at - make_interval(days => $4)
        WHERE NOT (f.ticket_id = ANY($5::uuid[]))
        ORDER BY f.ticket_id`,
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
    await manager.query(`SELECT pg_notify('kpi_pending', '')`);
  }
}

function columns(deltas: Delta[]): [(string | null)[], string[], string[], string[], number[], number[]] {
  return [
    deltas.map((d) => d.agentId),
    deltas.map((d) => d.day),
    deltas.map((d) => d.kind),
    deltas.map((d) => d.dimension),
    deltas.map((d) => d.count),
    deltas.map((d) => d.amount),
  ];
}
