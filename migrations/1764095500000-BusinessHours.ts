import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business hours for SLA policies: a policy's `clock` is `calendar` (as before) or `business`,
 * whose targets count only the desk's opening hours — a weekly schedule in its own time zone,
 * less holidays (whole local days).
 *
 * - `business_schedule` (one row: the time zone, who changed the schedule last),
 *   `business_hours` (opening intervals per ISO weekday, local wall time; several per day allow
 *   a lunch break; `closes` 24:00 is midnight), `business_holidays` (local dates).
 * - `business_time_after(start, minutes, zone, weekdays, opens, closes, holidays)` is the pure
 *   computation (the schedule is passed in, so it can be tested against an independent
 *   implementation without touching the desk's schedule); `sla_due_at(start, minutes, clock)`
 *   reads the schedule and is what the trigger and the re-timing use.
 * - `tickets_sla_due` now computes both due times through `sla_due_at`: every writer (live use
 *   cases, history import) still gets them in its own transaction.
 * - A schedule change notifies the live dashboard like a policy change does (payload `sla`).
 *
 * Seeded: Monday to Friday 09:00–17:00 UTC, no holidays; every policy stays on calendar time.
 */
export class BusinessHours1764095500000 implements MigrationInterface {
  name = 'BusinessHours1764095500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE business_schedule (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        time_zone text NOT NULL DEFAULT 'UTC',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES agents (id)
      )`);
    await queryRunner.query(`INSERT INTO business_schedule DEFAULT VALUES`);
    await queryRunner.query(`
      CREATE TABLE business_hours (
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        opens time NOT NULL,
        closes time NOT NULL,
        PRIMARY KEY (weekday, opens),
        CHECK (opens < closes)
      )`);
    await queryRunner.query(`
      INSERT INTO business_hours (weekday, opens, closes)
      SELECT d, '09:00', '17:00' FROM generate_series(1, 5) AS d`);
    await queryRunner.query(`
      CREATE TABLE business_holidays (
        day date PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
      )`);
    await queryRunner.query(`
      CREATE TABLE business_schedule_changes (
        id bigserial PRIMARY KEY,
        change text NOT NULL CHECK (change IN ('hours', 'holiday_added', 'holiday_renamed', 'holiday_removed')),
        before jsonb,
        after jsonb,
        retimed_tickets integer NOT NULL,
        changed_by uuid NOT NULL REFERENCES agents (id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX business_schedule_changes_at_idx ON business_schedule_changes (changed_at DESC, id DESC)`,
    );

    await queryRunner.query(`
      ALTER TABLE sla_policies DROP CONSTRAINT sla_policies_clock_check,
        ADD CONSTRAINT sla_policies_clock_check CHECK (clock IN ('calendar', 'business'))`);
    await queryRunner.query(`
      ALTER TABLE sla_policy_changes
        ADD COLUMN clock text NOT NULL DEFAULT 'calendar',
        ADD COLUMN previous_clock text NOT NULL DEFAULT 'calendar'`);

    // Seconds as double precision: interval arithmetic would add "days", which follow the
    // session's time zone across a DST change instead of counting 24 hours.
    await queryRunner.query(`
      CREATE FUNCTION business_time_after(
        start timestamptz, minutes integer, zone text,
        weekdays smallint[], opens time[], closes time[], holidays date[]
      ) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
      DECLARE
        remaining double precision := minutes * 60;
        day date := (start AT TIME ZONE zone)::date;
        window_start timestamptz;
        window_end timestamptz;
        available double precision;
        i integer;
      BEGIN
        IF coalesce(array_length(weekdays, 1), 0) = 0 THEN
          RETURN start + make_interval(mins => minutes);
        END IF;
        -- Ten years without an opening hour (a schedule of holidays only) falls back to calendar time.
        FOR guard IN 1..3660 LOOP
          IF NOT (day = ANY (holidays)) THEN
            FOR i IN 1..array_length(weekdays, 1) LOOP
              CONTINUE WHEN weekdays[i] <> extract(isodow FROM day);
              window_start := greatest(start, (day + opens[i]) AT TIME ZONE zone);
              window_end := (day + closes[i]) AT TIME ZONE zone;
              CONTINUE WHEN window_start >= window_end;
              available := extract(epoch FROM window_end - window_start);
              IF available >= remaining THEN
                RETURN window_start + make_interval(secs => remaining);
              END IF;
              remaining := remaining - available;
            END LOOP;
          END IF;
          day := day + 1;
        END LOOP;
        RETURN start + make_interval(mins => minutes);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION sla_due_at(start timestamptz, minutes integer, clock text)
      RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
      DECLARE
        zone text;
        weekdays smallint[];
        opens time[];
        closes time[];
        holidays date[];
      BEGIN
        IF clock = 'calendar' THEN
          RETURN start + make_interval(mins => minutes);
        END IF;
        SELECT time_zone INTO zone FROM business_schedule;
        SELECT array_agg(h.weekday ORDER BY h.weekday, h.opens), array_agg(h.opens ORDER BY h.weekday, h.opens),
               array_agg(h.closes ORDER BY h.weekday, h.opens)
          INTO weekdays, opens, closes FROM business_hours h;
        SELECT coalesce(array_agg(b.day), '{}') INTO holidays
          FROM business_holidays b WHERE b.day >= (start AT TIME ZONE zone)::date;
        RETURN business_time_after(start, minutes, zone, weekdays, opens, closes, holidays);
      END $$`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION tickets_sla_due() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        policy sla_policies%ROWTYPE;
        retime_all boolean := TG_OP = 'INSERT' OR NEW.created_at IS DISTINCT FROM OLD.created_at;
        was_solved boolean;
      BEGIN
        IF NOT retime_all AND NEW.priority = OLD.priority
           AND NOT (OLD.status IN ('solved', 'closed') AND NEW.status NOT IN ('solved', 'closed')) THEN
          RETURN NEW;
        END IF;
        SELECT * INTO policy FROM sla_policies WHERE priority = NEW.priority;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no SLA policy for priority %', NEW.priority;
        END IF;
        was_solved := TG_OP = 'UPDATE' AND OLD.status IN ('solved', 'closed');
        -- A target still running before or after this change is re-timed; an achieved one stays.
        IF retime_all OR NEW.status NOT IN ('solved', 'closed') OR NOT was_solved THEN
          NEW.resolution_due_at := sla_due_at(NEW.created_at, policy.resolution_minutes, policy.clock);
          IF retime_all OR NEW.first_responded_at IS NULL THEN
            NEW.first_response_due_at := sla_due_at(NEW.created_at, policy.first_response_minutes, policy.clock);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);

    await queryRunner.query(`
      CREATE TRIGGER business_schedule_notify_live AFTER UPDATE ON business_schedule
      REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_live_metrics('sla')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER business_schedule_notify_live ON business_schedule`);
    await queryRunner.query(`UPDATE sla_policies SET clock = 'calendar' WHERE clock <> 'calendar'`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION tickets_sla_due() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        policy sla_policies%ROWTYPE;
        retime_all boolean := TG_OP = 'INSERT' OR NEW.created_at IS DISTINCT FROM OLD.created_at;
        was_solved boolean;
      BEGIN
        IF NOT retime_all AND NEW.priority = OLD.priority
           AND NOT (OLD.status IN ('solved', 'closed') AND NEW.status NOT IN ('solved', 'closed')) THEN
          RETURN NEW;
        END IF;
        SELECT * INTO policy FROM sla_policies WHERE priority = NEW.priority;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no SLA policy for priority %', NEW.priority;
        END IF;
        was_solved := TG_OP = 'UPDATE' AND OLD.status IN ('solved', 'closed');
        IF retime_all OR NEW.status NOT IN ('solved', 'closed') OR NOT was_solved THEN
          NEW.resolution_due_at := NEW.created_at + make_interval(mins => policy.resolution_minutes);
          IF retime_all OR NEW.first_responded_at IS NULL THEN
            NEW.first_response_due_at := NEW.created_at + make_interval(mins => policy.first_response_minutes);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP FUNCTION sla_due_at(timestamptz, integer, text)`);
    await queryRunner.query(
      `DROP FUNCTION business_time_after(timestamptz, integer, text, smallint[], time[], time[], date[])`,
    );
    await queryRunner.query(`ALTER TABLE sla_policy_changes DROP COLUMN clock, DROP COLUMN previous_clock`);
    await queryRunner.query(`
      ALTER TABLE sla_policies DROP CONSTRAINT sla_policies_clock_check,
        ADD CONSTRAINT sla_policies_clock_check CHECK (clock IN ('calendar'))`);
    await queryRunner.query(`DROP TABLE business_schedule_changes`);
    await queryRunner.query(`DROP TABLE business_holidays`);
    await queryRunner.query(`DROP TABLE business_hours`);
    await queryRunner.query(`DROP TABLE business_schedule`);
  }
}
