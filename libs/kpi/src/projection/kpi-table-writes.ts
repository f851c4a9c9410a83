/**
 * What a projection writes: contributions, the daily tables moved by their difference, facts.
 */
import { EntityManager } from 'typeorm';
import { MeasuredTicketFacts } from '../definitions/business-time';
import { Contribution } from '../definitions/ticket-kpi-facts';
import { StoredContribution } from './kpi-inputs';

interface DeltaKey {
  agentId: string | null;
  day: string;
  kind: string;
  dimension: string;
}

export interface Delta extends DeltaKey {
  count: number;
  amount: number;
}

const keyOf = (c: DeltaKey): string => `${c.agentId ?? ''}\u0000${c.day}\u0000${c.kind}\u0000${c.dimension}`;

export function contributionDeltas(stored: StoredContribution[], fresh: StoredContribution[]): Delta[] {
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

export async function applyDeltas(manager: EntityManager, deltas: Delta[]): Promise<void> {
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
    await deleteEmptied(
      manager,
      `DELETE FROM kpi_agent_daily d USING unnest($1::uuid[], $2::date[], $3::text[], $4::text[]) AS k(agent_id, day, kind, dimension)
        WHERE d.agent_id = k.agent_id AND d.day = k.day AND d.kind = k.kind AND d.dimension = k.dimension
          AND d.count = 0 AND d.amount = 0`,
      agentDeltas,
      (emptied) => columns(emptied).slice(0, 4),
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
  await deleteEmptied(
    manager,
    `DELETE FROM kpi_desk_daily d USING unnest($1::date[], $2::text[], $3::text[]) AS k(day, kind, dimension)
      WHERE d.day = k.day AND d.kind = k.kind AND d.dimension = k.dimension AND d.count = 0 AND d.amount = 0`,
    deskDeltas,
    (emptied) => columns(emptied).slice(1, 4),
  );
}

/**
 * Deletes the daily rows these deltas may have brought to zero. Every contribution counts 1, so
 * a row can only empty when its count went down: a first projection (only additions) deletes
 * nothing and skips the statement.
 */
async function deleteEmptied(
  manager: EntityManager,
  sql: string,
  deltas: Delta[],
  parameters: (emptied: Delta[]) => unknown[],
): Promise<void> {
  const emptied = deltas.filter((delta) => delta.count < 0);
  if (emptied.length > 0) await manager.query(sql, parameters(emptied));
}

/**
 * Makes the stored contributions of these tickets the fresh ones, touching only the rows that
 * differ: a recompute usually adds a row or two and leaves the rest as they were, and rewriting
 * every row would leave the table and its three indexes a dead copy of each one.
 */
export async function replaceContributions(
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
  await insertContributions(manager, added);
}

async function insertContributions(
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

export async function saveFacts(manager: EntityManager, facts: MeasuredTicketFacts[]): Promise<void> {
  if (facts.length === 0) return;
  await manager.query(
    `INSERT INTO kpi_ticket_facts AS f (
       ticket_id, account_id, channel, category, created_at,
       first_response_at, first_response_seconds, first_response_business_seconds, first_response_agent_id,
       first_response_event_id, resolved_at, resolution_seconds, resolution_business_seconds, resolution_agent_id,
       resolution_event_id, agent_contacts, contacts_before_resolution, reopens, fcr, fcr_broken_by_ticket_id,
       handle_seconds, csat_rating, csat_agent_id, csat_event_id, csat_surveys, last_event_id, computed_at)
     SELECT r.ticket_id, r.account_id, r.channel, r.category, r.created_at,
            r.first_response_at, r.first_response_seconds, r.first_response_business_seconds, r.first_response_agent_id,
            r.first_response_event_id, r.resolved_at, r.resolution_seconds, r.resolution_business_seconds,
            r.resolution_agent_id, r.resolution_event_id, r.agent_contacts, r.contacts_before_resolution, r.reopens, r.fcr, r.fcr_broken_by_ticket_id,
            r.handle_seconds, r.csat_rating, r.csat_agent_id, r.csat_event_id, r.csat_surveys, r.last_event_id, now()
       FROM json_to_recordset($1::json) AS r(
         ticket_id uuid, account_id uuid, channel text, category text, created_at timestamptz,
         first_response_at timestamptz, first_response_seconds bigint, first_response_business_seconds bigint,
         first_response_agent_id uuid, first_response_event_id bigint, resolved_at timestamptz, resolution_seconds bigint,
         resolution_business_seconds bigint, resolution_agent_id uuid, resolution_event_id bigint,
         agent_contacts int, contacts_before_resolution int, reopens int, fcr boolean, fcr_broken_by_ticket_id uuid,
         handle_seconds bigint, csat_rating smallint, csat_agent_id uuid, csat_event_id bigint, csat_surveys int,
         last_event_id bigint)
     ON CONFLICT (ticket_id) DO UPDATE SET
       account_id = excluded.account_id, channel = excluded.channel, category = excluded.category,
       created_at = excluded.created_at, first_response_at = excluded.first_response_at,
       first_response_seconds = excluded.first_response_seconds,
       first_response_business_seconds = excluded.first_response_business_seconds, first_response_agent_id = excluded.first_response_agent_id,
       first_response_event_id = excluded.first_response_event_id, resolved_at = excluded.resolved_at,
       resolution_seconds = excluded.resolution_seconds,
       resolution_business_seconds = excluded.resolution_business_seconds, resolution_agent_id = excluded.resolution_agent_id,
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
          first_response_business_seconds: f.firstResponseBusinessSeconds,
          first_response_agent_id: f.firstResponse?.agentId ?? null,
          first_response_event_id: f.firstResponse?.eventId ?? null,
          resolved_at: f.resolution?.at ?? null,
          resolution_seconds: f.resolution?.seconds ?? null,
          resolution_business_seconds: f.resolutionBusinessSeconds,
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
