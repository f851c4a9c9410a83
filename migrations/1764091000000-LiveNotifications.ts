import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications for the live socket pushes (libs/live), sent by PostgreSQL when a change
 * COMMITS, whichever process made it (api, worker, CLI):
 *
 * - `live_ticket_events`: the ids of the live events one statement appended, comma-separated,
 *   in chunks of 300 ids so a payload stays far below PostgreSQL's 8000-byte limit. Imported
 *   events are not pushed per ticket; an import statement only sends `live_metrics`.
 * - `live_metrics`: something the supervisors' queue metrics show changed — presence (an
 *   `agent_events` row), the KPI tables (the worker's projection), an import. Notifications with
 *   the same payload in one transaction are delivered once, so a projection touching many rows
 *   costs one notification.
 */
export class LiveNotifications1764091000000 implements MigrationInterface {
  name = 'LiveNotifications1764091000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_live_ticket_events() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        chunk text;
      BEGIN
        FOR chunk IN
          SELECT string_agg(id::text, ',' ORDER BY id)
            FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 300 AS part
                    FROM new_events WHERE source = 'live') AS numbered
           GROUP BY part
        LOOP
          PERFORM pg_notify('live_ticket_events', chunk);
        END LOOP;
        IF EXISTS (SELECT 1 FROM new_events WHERE source <> 'live') THEN
          PERFORM pg_notify('live_metrics', 'import');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_events_notify_live AFTER INSERT ON ticket_events
      REFERENCING NEW TABLE AS new_events
      FOR EACH STATEMENT EXECUTE FUNCTION notify_live_ticket_events()`);

    await queryRunner.query(`
      CREATE FUNCTION notify_live_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed_rows) THEN
          PERFORM pg_notify('live_metrics', TG_ARGV[0]);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER agent_events_notify_live AFTER INSERT ON agent_events
      REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_live_metrics('agents')`);
    // The desk's "today" figures are read from kpi_desk_daily, which the projector moves in the
    // same transaction as kpi_agent_daily and kpi_contributions. Upserts fire both the INSERT and
    // the UPDATE statement triggers; a transition table may belong to one event only.
    for (const [event, table] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER kpi_desk_daily_notify_live_${event.toLowerCase()} AFTER ${event} ON kpi_desk_daily
        REFERENCING ${table} TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION notify_live_metrics('kpi')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER kpi_desk_daily_notify_live_${event} ON kpi_desk_daily`);
    }
    await queryRunner.query(`DROP TRIGGER agent_events_notify_live ON agent_events`);
    await queryRunner.query(`DROP FUNCTION notify_live_metrics()`);
    await queryRunner.query(`DROP TRIGGER ticket_events_notify_live ON ticket_events`);
    await queryRunner.query(`DROP FUNCTION notify_live_ticket_events()`);
  }
}
