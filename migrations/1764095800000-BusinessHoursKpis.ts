import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tickets that have business-hours figures: a first response or a resolution. */
const MEASURED = 'first_response_at IS NOT NULL OR resolved_at IS NOT NULL';

/** PL/pgSQL: marks the tickets `select` yields in the KPI outbox and wakes the worker. */
const markPending = (select: string): string => `
        INSERT INTO kpi_pending (ticket_id) ${select}
        ON CONFLICT (ticket_id) DO UPDATE
          SET version = kpi_pending.version + 1, marked_at = clock_timestamp();
        IF FOUND THEN
          PERFORM ledgerdesk_notify('kpi_pending', '');
        END IF;`;

/** Triggers on `business_holidays`: each sees the days it changed as `changed_holidays`. */
const HOLIDAY_TRIGGERS = [
  ['business_holidays_added_mark_kpis', 'INSERT', 'NEW'],
  ['business_holidays_removed_mark_kpis', 'DELETE', 'OLD'],
  ['business_holidays_moved_from_mark_kpis', 'UPDATE', 'OLD'],
  ['business_holidays_moved_to_mark_kpis', 'UPDATE', 'NEW'],
] as const;

/**
 * Business-hours variants of the first response time and the resolution time: the same intervals
 * (creation → first response, creation → resolution) measured on the desk's business hours, with
 * the same function the SLA's business clock uses (`business_seconds_between`).
 *
 * - `kpi_ticket_facts.first_response_business_seconds`, `resolution_business_seconds`;
 * - two contribution kinds, `first_response_business` and `resolution_business`, credited like
 *   `first_response` and `resolution` (same agent, day and event), so that means, medians and p90s
 *   over any period come from the same tables as the calendar figures; the partial indexes the
 *   percentile queries use now cover them;
 * - a change of the schedule changes what these figures measure, so it marks the tickets it
 *   affects in the KPI outbox, in its own transaction: opening hours or the time zone, every
 *   ticket with a first response or a resolution (once per transaction; about 0.5 s per 32,000
 *   tickets on the 2-core machine); a holiday added, moved or removed, those whose measured
 *   intervals come within a day of it (a local day is within a day of its UTC date in every time
 *   zone). The worker then recomputes them, and the tables again equal a rebuild.
 * - Every ticket already measured is marked once here, so an existing desk gets the new figures.
 */
export class BusinessHoursKpis1764095800000 implements MigrationInterface {
  name = 'BusinessHoursKpis1764095800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE kpi_ticket_facts
        ADD COLUMN first_response_business_seconds bigint,
        ADD COLUMN resolution_business_seconds bigint`);
    await this.percentileIndexes(queryRunner, [
      'first_response',
      'resolution',
      'first_response_business',
      'resolution_business',
      'handle',
    ]);

    await queryRunner.query(`
      CREATE FUNCTION mark_kpis_for_business_hours() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Once per transaction: a change of the week deletes and inserts opening hours (and may
        -- change the time zone), and one marking already holds every ticket until COMMIT.
        IF current_setting('ledgerdesk.kpis_marked_for_business_hours', true) = 'yes' THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('ledgerdesk.kpis_marked_for_business_hours', 'yes', true);
        ${markPending(`SELECT ticket_id FROM kpi_ticket_facts WHERE ${MEASURED} ORDER BY ticket_id`)}
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION mark_kpis_around_holidays() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${markPending(`
          SELECT DISTINCT f.ticket_id
            FROM kpi_ticket_facts f
            JOIN changed_holidays h
              ON f.created_at < ((h.day + 2)::timestamp AT TIME ZONE 'UTC')
             AND greatest(f.first_response_at, f.resolved_at) > ((h.day - 1)::timestamp AT TIME ZONE 'UTC')
           ORDER BY f.ticket_id`)}
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER business_hours_mark_kpis AFTER INSERT OR UPDATE OR DELETE ON business_hours
      FOR EACH STATEMENT EXECUTE FUNCTION mark_kpis_for_business_hours()`);
    await queryRunner.query(`
      CREATE TRIGGER business_schedule_zone_mark_kpis AFTER UPDATE OF time_zone ON business_schedule
      FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
      EXECUTE FUNCTION mark_kpis_for_business_hours()`);
    // A rename (the only update the API makes) marks the tickets around its day too: few, and harmless.
    for (const [name, event, table] of HOLIDAY_TRIGGERS) {
      await queryRunner.query(`
        CREATE TRIGGER ${name} AFTER ${event} ON business_holidays
        REFERENCING ${table} TABLE AS changed_holidays
        FOR EACH STATEMENT EXECUTE FUNCTION mark_kpis_around_holidays()`);
    }

    await queryRunner.query(`
      INSERT INTO kpi_pending (ticket_id)
      SELECT ticket_id FROM kpi_ticket_facts WHERE ${MEASURED}
      ON CONFLICT (ticket_id) DO UPDATE SET version = kpi_pending.version + 1, marked_at = clock_timestamp()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of HOLIDAY_TRIGGERS) {
      await queryRunner.query(`DROP TRIGGER ${name} ON business_holidays`);
    }
    await queryRunner.query(`DROP TRIGGER business_schedule_zone_mark_kpis ON business_schedule`);
    await queryRunner.query(`DROP TRIGGER business_hours_mark_kpis ON business_hours`);
    await queryRunner.query(`DROP FUNCTION mark_kpis_around_holidays()`);
    await queryRunner.query(`DROP FUNCTION mark_kpis_for_business_hours()`);
    await queryRunner.query(
      `DELETE FROM kpi_contributions WHERE kind IN ('first_response_business', 'resolution_business')`,
    );
    await queryRunner.query(
      `DELETE FROM kpi_agent_daily WHERE kind IN ('first_response_business', 'resolution_business')`,
    );
    await queryRunner.query(
      `DELETE FROM kpi_desk_daily WHERE kind IN ('first_response_business', 'resolution_business')`,
    );
    await this.percentileIndexes(queryRunner, ['first_response', 'resolution', 'handle']);
    await queryRunner.query(`
      ALTER TABLE kpi_ticket_facts
        DROP COLUMN resolution_business_seconds,
        DROP COLUMN first_response_business_seconds`);
  }

  /** The partial indexes behind percentiles and distinct handled tickets, over these kinds. */
  private async percentileIndexes(queryRunner: QueryRunner, kinds: string[]): Promise<void> {
    const list = kinds.map((kind) => `'${kind}'`).join(', ');
    await queryRunner.query(`DROP INDEX kpi_contributions_agent_idx`);
    await queryRunner.query(`DROP INDEX kpi_contributions_day_idx`);
    await queryRunner.query(
      `CREATE INDEX kpi_contributions_agent_idx ON kpi_contributions (agent_id, kind, day) WHERE kind IN (${list})`,
    );
    await queryRunner.query(
      `CREATE INDEX kpi_contributions_day_idx ON kpi_contributions (kind, day) WHERE kind IN (${list})`,
    );
  }
}
