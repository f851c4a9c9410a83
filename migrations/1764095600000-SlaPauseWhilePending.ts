import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The resolution target pauses while a ticket is `pending` (waiting for the customer), as a
 * billing team's "requester wait time" does: the desk is not charged for the customer's silence.
 * `on_hold` (waiting for finance or a third party) does not pause it: the customer still waits.
 * The first-response target never pauses.
 *
 * - `tickets.resolution_paused_since`: when the running pause began (null while the target runs);
 *   `tickets.resolution_paused_seconds`: the pauses that ended, measured on the policy's clock
 *   (business seconds under a business-hours policy, so a weekend inside a pause is not counted
 *   twice).
 * - The resolution due time is the moment the target's running time reaches it:
 *   `sla_deadline(created_at, resolution_minutes × 60 + resolution_paused_seconds, clock)`.
 *   Time adds up on either clock (elapsed = running + paused), so every re-timing (a reopen, a
 *   priority or policy change, a schedule change) keeps the pauses.
 * - `tickets_sla_due` starts a pause on entering `pending` and ends it on leaving (to any status:
 *   a solve straight from pending is measured against the due time the pause moved), at the
 *   transaction's time, like the event that records the change.
 * - `sla_deadline(start, seconds, clock)` and `business_time_after_seconds` replace `sla_due_at` and
 *   `business_time_after`, which took whole minutes.
 * - `tickets.sla_due_at` (generated) leaves out a paused resolution target, so the inbox's breached and
 *   due-soon filters and the live dashboard skip a ticket that is only waiting for its customer.
 * - `business_seconds_between` is the inverse of `business_time_after_seconds`, pure like it. A pause
 *   is measured on the schedule of its end; a later schedule change re-times with it as measured.
 *
 * Pauses are live only: a history import has no status changes to pending.
 */
export class SlaPauseWhilePending1764095600000 implements MigrationInterface {
  name = 'SlaPauseWhilePending1764095600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION business_seconds_between(
        since timestamptz, until timestamptz, zone text,
        weekdays smallint[], opens time[], closes time[], holidays date[]
      ) RETURNS double precision LANGUAGE plpgsql STABLE AS $$
      DECLARE
        total double precision := 0;
        day date := (since AT TIME ZONE zone)::date;
        last_day date := (until AT TIME ZONE zone)::date;
        window_start timestamptz;
        window_end timestamptz;
        i integer;
      BEGIN
        IF until <= since THEN
          RETURN 0;
        END IF;
        IF coalesce(array_length(weekdays, 1), 0) = 0 THEN
          RETURN extract(epoch FROM until - since);
        END IF;
        WHILE day <= last_day LOOP
          IF NOT (day = ANY (holidays)) THEN
            FOR i IN 1..array_length(weekdays, 1) LOOP
              CONTINUE WHEN weekdays[i] <> extract(isodow FROM day);
              window_start := greatest(since, (day + opens[i]) AT TIME ZONE zone);
              window_end := least(until, (day + closes[i]) AT TIME ZONE zone);
              CONTINUE WHEN window_start >= window_end;
              total := total + extract(epoch FROM window_end - window_start);
            END LOOP;
          END IF;
          day := day + 1;
        END LOOP;
        RETURN total;
      END $$`);

    // business_time_after (migration BusinessHours) taking seconds: a pause is not whole minutes.
    await queryRunner.query(`
      CREATE FUNCTION business_time_after_seconds(
        start timestamptz, seconds double precision, zone text,
        weekdays smallint[], opens time[], closes time[], holidays date[]
      ) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
      DECLARE
        remaining double precision := seconds;
        day date := (start AT TIME ZONE zone)::date;
        window_start timestamptz;
        window_end timestamptz;
        available double precision;
        i integer;
      BEGIN
        IF coalesce(array_length(weekdays, 1), 0) = 0 THEN
          RETURN start + make_interval(secs => seconds);
        END IF;
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
        RETURN start + make_interval(secs => seconds);
      END $$`);
    await queryRunner.query(
      `DROP FUNCTION business_time_after(timestamptz, integer, text, smallint[], time[], time[], date[])`,
    );

    // The desk's schedule as business_time_after takes it, for the functions below.
    await queryRunner.query(`
      CREATE FUNCTION business_schedule_arrays(
        OUT zone text, OUT weekdays smallint[], OUT opens time[], OUT closes time[], OUT holidays date[]
      ) LANGUAGE sql STABLE AS $$
        SELECT s.time_zone,
               array_agg(h.weekday ORDER BY h.weekday, h.opens) FILTER (WHERE h.weekday IS NOT NULL),
               array_agg(h.opens ORDER BY h.weekday, h.opens) FILTER (WHERE h.weekday IS NOT NULL),
               array_agg(h.closes ORDER BY h.weekday, h.opens) FILTER (WHERE h.weekday IS NOT NULL),
               (SELECT coalesce(array_agg(day), '{}') FROM business_holidays)
          FROM business_schedule s LEFT JOIN business_hours h ON true
         GROUP BY s.time_zone
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION sla_deadline(start timestamptz, seconds double precision, clock text)
      RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
      DECLARE
        s record;
      BEGIN
        IF clock = 'calendar' THEN
          RETURN start + make_interval(secs => seconds);
        END IF;
        SELECT * INTO s FROM business_schedule_arrays();
        RETURN business_time_after_seconds(start, seconds, s.zone, s.weekdays, s.opens, s.closes, s.holidays);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION sla_clock_seconds(since timestamptz, until timestamptz, clock text)
      RETURNS double precision LANGUAGE plpgsql STABLE AS $$
      DECLARE
        s record;
      BEGIN
        IF clock = 'calendar' THEN
          RETURN greatest(0, extract(epoch FROM until - since));
        END IF;
        SELECT * INTO s FROM business_schedule_arrays();
        RETURN business_seconds_between(since, until, s.zone, s.weekdays, s.opens, s.closes, s.holidays);
      END $$`);
    // Replaced by sla_deadline, which takes seconds (a pause is not whole minutes).
    await queryRunner.query(`DROP FUNCTION sla_due_at(timestamptz, integer, text)`);

    await queryRunner.query(`
      ALTER TABLE tickets
        ADD COLUMN resolution_paused_since timestamptz,
        ADD COLUMN resolution_paused_seconds double precision NOT NULL DEFAULT 0
          CHECK (resolution_paused_seconds >= 0)`);
    // A ticket pending now starts its pause now: how long it has waited so far is not known.
    await queryRunner.query(`UPDATE tickets SET resolution_paused_since = now() WHERE status = 'pending'`);
    await queryRunner.query(`DROP INDEX tickets_sla_due_idx`);
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN sla_due_at`);
    await queryRunner.query(`
      ALTER TABLE tickets ADD COLUMN sla_due_at timestamptz GENERATED ALWAYS AS (
        CASE
          WHEN status IN ('solved', 'closed') THEN NULL
          WHEN resolution_paused_since IS NOT NULL THEN
            CASE WHEN first_responded_at IS NULL THEN first_response_due_at END
          WHEN first_responded_at IS NULL THEN least(first_response_due_at, resolution_due_at)
          ELSE resolution_due_at
        END) STORED`);
    await queryRunner.query(`CREATE INDEX tickets_sla_due_idx ON tickets (sla_due_at, id)`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION tickets_sla_due() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        policy sla_policies%ROWTYPE;
        retime_all boolean := TG_OP = 'INSERT' OR NEW.created_at IS DISTINCT FROM OLD.created_at;
        was_solved boolean := TG_OP = 'UPDATE' AND OLD.status IN ('solved', 'closed');
        was_pending boolean := TG_OP = 'UPDATE' AND OLD.status = 'pending';
        pause_changes boolean := was_pending <> (NEW.status = 'pending');
      BEGIN
        IF NOT retime_all AND NOT pause_changes AND NEW.priority = OLD.priority
           AND NOT (was_solved AND NEW.status NOT IN ('solved', 'closed')) THEN
          RETURN NEW;
        END IF;
        SELECT * INTO policy FROM sla_policies WHERE priority = NEW.priority;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no SLA policy for priority %', NEW.priority;
        END IF;
        IF was_pending AND NEW.status <> 'pending' AND NEW.resolution_paused_since IS NOT NULL THEN
          NEW.resolution_paused_seconds := NEW.resolution_paused_seconds
            + sla_clock_seconds(NEW.resolution_paused_since, now(), policy.clock);
          NEW.resolution_paused_since := NULL;
        ELSIF NEW.status = 'pending' AND NOT was_pending THEN
          NEW.resolution_paused_since := now();
        END IF;
        -- A target still running before or after this change is re-timed; an achieved one stays.
        IF retime_all OR NEW.status NOT IN ('solved', 'closed') OR NOT was_solved THEN
          NEW.resolution_due_at := sla_deadline(
            NEW.created_at, policy.resolution_minutes * 60 + NEW.resolution_paused_seconds, policy.clock);
          IF retime_all OR NEW.first_responded_at IS NULL THEN
            NEW.first_response_due_at := sla_deadline(NEW.created_at, policy.first_response_minutes * 60, policy.clock);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
          NEW.resolution_due_at := sla_due_at(NEW.created_at, policy.resolution_minutes, policy.clock);
          IF retime_all OR NEW.first_responded_at IS NULL THEN
            NEW.first_response_due_at := sla_due_at(NEW.created_at, policy.first_response_minutes, policy.clock);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP INDEX tickets_sla_due_idx`);
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN sla_due_at`);
    await queryRunner.query(`
      ALTER TABLE tickets ADD COLUMN sla_due_at timestamptz GENERATED ALWAYS AS (
        CASE
          WHEN status IN ('solved', 'closed') THEN NULL
          WHEN first_responded_at IS NULL THEN least(first_response_due_at, resolution_due_at)
          ELSE resolution_due_at
        END) STORED`);
    await queryRunner.query(`CREATE INDEX tickets_sla_due_idx ON tickets (sla_due_at, id)`);
    await queryRunner.query(`
      ALTER TABLE tickets DROP COLUMN resolution_paused_since, DROP COLUMN resolution_paused_seconds`);
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
    await queryRunner.query(`DROP FUNCTION sla_clock_seconds(timestamptz, timestamptz, text)`);
    await queryRunner.query(`DROP FUNCTION sla_deadline(timestamptz, double precision, text)`);
    await queryRunner.query(`DROP FUNCTION business_schedule_arrays()`);
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
    await queryRunner.query(
      `DROP FUNCTION business_time_after_seconds(timestamptz, double precision, text, smallint[], time[], time[], date[])`,
    );
    await queryRunner.query(
      `DROP FUNCTION business_seconds_between(timestamptz, timestamptz, text, smallint[], time[], time[], date[])`,
    );
  }
}
