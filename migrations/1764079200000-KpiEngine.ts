import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPI engine's tables.
 *
 * - `kpi_pending` is the transactional outbox: a statement trigger on `ticket_events` marks each
 *   touched ticket in the same transaction as its events (and notifies the worker), so a
 *   committed event can never be missed, whatever Redis or the worker are doing.
 * - `kpi_ticket_facts`: one row per ticket, recomputed from the ticket's whole log.
 * - `kpi_contributions`: what each ticket contributes, one row per crediting event (agent, day,
 *   kind, amount) — the per-event facts behind percentiles, distinct counts and "explain".
 * - `kpi_agent_daily` / `kpi_desk_daily`: sums and counts per day that add up over periods.
 */
export class KpiEngine1764079200000 implements MigrationInterface {
  name = 'KpiEngine1764079200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_pending (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
        version bigint NOT NULL DEFAULT 1,
        marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        enqueued_version bigint,
        enqueued_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX kpi_pending_marked_idx ON kpi_pending (marked_at)`);
    await queryRunner.query(`
      CREATE FUNCTION mark_kpi_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO kpi_pending (ticket_id)
        SELECT DISTINCT ticket_id FROM new_events
        ON CONFLICT (ticket_id) DO UPDATE
          SET version = kpi_pending.version + 1, marked_at = clock_timestamp();
        PERFORM pg_notify('kpi_pending', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_events_mark_kpi_pending AFTER INSERT ON ticket_events
      REFERENCING NEW TABLE AS new_events
      FOR EACH STATEMENT EXECUTE FUNCTION mark_kpi_pending()`);
    // Tickets that already have events when this migration runs get computed too.
    await queryRunner.query(
      `INSERT INTO kpi_pending (ticket_id) SELECT DISTINCT ticket_id FROM ticket_events`,
    );

    await queryRunner.query(`
      CREATE TABLE kpi_ticket_facts (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
        account_id uuid,
        channel text NOT NULL,
        category text NOT NULL,
        created_at timestamptz NOT NULL,
        first_response_at timestamptz,
        first_response_seconds bigint,
        first_response_agent_id uuid,
        first_response_event_id bigint,
        resolved_at timestamptz,
        resolution_seconds bigint,
        resolution_agent_id uuid,
        resolution_event_id bigint,
        agent_contacts integer NOT NULL DEFAULT 0,
        contacts_before_resolution integer,
        reopens integer NOT NULL DEFAULT 0,
        fcr boolean,
        fcr_broken_by_ticket_id uuid,
        handle_seconds bigint NOT NULL DEFAULT 0,
        csat_rating smallint,
        csat_agent_id uuid,
        csat_event_id bigint,
        csat_surveys integer NOT NULL DEFAULT 0,
        last_event_id bigint NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX kpi_ticket_facts_repeat_idx ON kpi_ticket_facts (account_id, category, resolved_at) WHERE account_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE kpi_contributions (
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        kind text NOT NULL,
        event_id bigint NOT NULL,
        agent_id uuid,
        day date NOT NULL,
        dimension text NOT NULL DEFAULT '',
        amount bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (ticket_id, kind, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX kpi_contributions_agent_idx ON kpi_contributions (agent_id, kind, day)`,
    );
    await queryRunner.query(`CREATE INDEX kpi_contributions_day_idx ON kpi_contributions (kind, day)`);

    await queryRunner.query(`
      CREATE TABLE kpi_agent_daily (
        agent_id uuid NOT NULL,
        day date NOT NULL,
        kind text NOT NULL,
        dimension text NOT NULL DEFAULT '',
        count bigint NOT NULL DEFAULT 0,
        amount bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (agent_id, day, kind, dimension)
      )`);
    await queryRunner.query(`
      CREATE TABLE kpi_desk_daily (
        day date NOT NULL,
        kind text NOT NULL,
        dimension text NOT NULL DEFAULT '',
        count bigint NOT NULL DEFAULT 0,
        amount bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (day, kind, dimension)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ticket_events_mark_kpi_pending ON ticket_events`);
    await queryRunner.query(`DROP FUNCTION mark_kpi_pending()`);
    for (const table of [
      'kpi_desk_daily',
      'kpi_agent_daily',
      'kpi_contributions',
      'kpi_ticket_facts',
      'kpi_pending',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
