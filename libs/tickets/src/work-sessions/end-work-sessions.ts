import { EntityManager } from 'typeorm';

export interface EndedWorkSession {
  id: string;
  ticketId: string;
  agentId: string;
  endedAt: Date;
  reason: 'stopped' | 'idle';
}

/**
 * Ends open work sessions matching `filter` and appends one `work` event per session, in one
 * statement. A session whose last heartbeat is older than the idle limit ends at that heartbeat
 * (reason `idle`); otherwise it ends now (reason `stopped`). Rows locked elsewhere are skipped:
 * whoever holds them is ending them.
 */
export async function endWorkSessions(
  manager: EntityManager,
  idleSeconds: number,
  filter: { agentId: string; ticketId: string } | { staleOnly: true; limit: number },
): Promise<EndedWorkSession[]> {
  const params: unknown[] = [idleSeconds];
  let where: string;
  if ('staleOnly' in filter) {
    where = `last_heartbeat_at < now() - make_interval(secs => $1) ORDER BY last_heartbeat_at LIMIT ${filter.limit}`;
  } else {
    params.push(filter.agentId, filter.ticketId);
    where = `agent_id = $2 AND ticket_id = $3`;
  }
  const rows: {
    id: string;
    ticket_id: string;
    agent_id: string;
    ended_at: Date;
    reason: 'stopped' | 'idle';
  }[] = await manager.query(
    `WITH ending AS (
         SELECT id, ticket_id, agent_id, started_at,
                -- greatest: a stop whose transaction began before the heartbeat that opened the
                -- session committed (both wait on the ticket) would otherwise end it before it started.
                CASE WHEN last_heartbeat_at < now() - make_interval(secs => $1) THEN last_heartbeat_at
                     ELSE greatest(now(), started_at) END AS ended_at,
                CASE WHEN last_heartbeat_at < now() - make_interval(secs => $1) THEN 'idle' ELSE 'stopped' END AS reason
           FROM work_sessions
          WHERE ended_at IS NULL AND ${where}
            FOR UPDATE SKIP LOCKED
       ), events AS (
         INSERT INTO ticket_events (ticket_id, type, actor_kind, actor_id, at, payload)
         SELECT ticket_id, 'work', 'agent', agent_id, started_at,
                jsonb_build_object('sessionId', id, 'agentId', agent_id, 'endedAt', ended_at, 'reason', reason)
           FROM ending
         RETURNING id, (payload->>'sessionId')::uuid AS session_id
       ), ended AS (
         UPDATE work_sessions w
            SET ended_at = ending.ended_at, end_reason = ending.reason, end_event_id = events.id
           FROM ending JOIN events ON events.session_id = ending.id
          WHERE w.id = ending.id
         RETURNING w.id, w.ticket_id, w.agent_id, w.ended_at, w.end_reason AS reason
       )
       SELECT * FROM ended`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticket_id,
    agentId: row.agent_id,
    endedAt: row.ended_at,
    reason: row.reason,
  }));
}
