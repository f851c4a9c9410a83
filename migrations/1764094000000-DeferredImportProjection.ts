import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history import projects each ticket once, after its lines are in the log, instead of once
 * per batch that touches it.
 *
 * A batch appends its events and marks its tickets in `ticket_projection_pending`; when the
 * import has read its file, it re-projects every marked ticket from its whole log (tickets,
 * first contact) and deletes the mark. A time-ordered export spreads a ticket over several
 * batches: re-projecting per batch read each ticket's log ~3 times and rewrote its row (through
 * its eleven indexes) ~3 times, most of a 1M-line import's database time.
 *
 * So imported events no longer mark the KPI outbox nor set `first_responded_at` when appended:
 * - `mark_kpi_pending` and `ticket_events_first_contact` look at live events only;
 * - deleting a projection mark (`ticket_projection_pending_done`) marks the ticket in
 *   `kpi_pending`, in the transaction that projected it: the KPI worker reads the ticket's
 *   channel, category, account and creation time from its row, which is only right once it is
 *   projected.
 * A mark left by an import that died is projected by the next import that finishes, or by the
 * worker's sweep once it is 15 minutes old.
 */
export class DeferredImportProjection1764094000000 implements MigrationInterface {
  name = 'DeferredImportProjection1764094000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ticket_projection_pending (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
        marked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE FUNCTION mark_kpi_pending_after_projection() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO kpi_pending (ticket_id)
        SELECT ticket_id FROM projected ORDER BY ticket_id
        ON CONFLICT (ticket_id) DO UPDATE
          SET version = kpi_pending.version + 1, marked_at = clock_timestamp();
        IF FOUND THEN
          PERFORM pg_notify('kpi_pending', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_projection_pending_done AFTER DELETE ON ticket_projection_pending
      REFERENCING OLD TABLE AS projected
      FOR EACH STATEMENT EXECUTE FUNCTION mark_kpi_pending_after_projection()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION mark_kpi_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO kpi_pending (ticket_id)
        SELECT DISTINCT ticket_id FROM new_events WHERE source = 'live'
        ON CONFLICT (ticket_id) DO UPDATE
          SET version = kpi_pending.version + 1, marked_at = clock_timestamp();
        IF FOUND THEN
          PERFORM pg_notify('kpi_pending', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ticket_events_first_contact() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE tickets t SET first_responded_at = c.at
          FROM (SELECT ticket_id, min(at) AS at FROM appended
                 WHERE source = 'live'
                   AND (type = 'call'
                        OR (type = 'message' AND payload->>'author' = 'agent'
                            AND coalesce(payload->>'visibility', '') <> 'internal'))
                 GROUP BY ticket_id) c
         WHERE t.id = c.ticket_id AND (t.first_responded_at IS NULL OR t.first_responded_at > c.at);
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ticket_events_first_contact() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE tickets t SET first_responded_at = c.at
          FROM (SELECT ticket_id, min(at) AS at FROM appended
                 WHERE type = 'call'
                    OR (type = 'message' AND payload->>'author' = 'agent'
                        AND coalesce(payload->>'visibility', '') <> 'internal')
                 GROUP BY ticket_id) c
         WHERE t.id = c.ticket_id AND (t.first_responded_at IS NULL OR t.first_responded_at > c.at);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION mark_kpi_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO kpi_pending (ticket_id)
        SELECT DISTINCT ticket_id FROM new_events
        ON CONFLICT (ticket_id) DO UPDATE
          SET version = kpi_pending.version + 1, marked_at = clock_timestamp();
        PERFORM pg_notify('kpi_pending', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DROP TRIGGER ticket_projection_pending_done ON ticket_projection_pending`);
    await queryRunner.query(`DROP FUNCTION mark_kpi_pending_after_projection()`);
    await queryRunner.query(`DROP TABLE ticket_projection_pending`);
  }
}
