import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies per priority and each ticket's SLA due times.
 *
 * The due times are stored on `tickets` and kept by triggers, so every writer (the live use
 * cases, the history import, later ones) gets them in its own transaction without knowing
 * about SLAs:
 * - `tickets_sla_due` (BEFORE INSERT/UPDATE of priority, created_at, status) sets
 *   `first_response_due_at` and `resolution_due_at` = created_at + the priority's targets. A
 *   creation-time change re-times both; a priority change or a reopen re-times only the targets
 *   still running (an achieved target keeps the due time it was measured against).
 * - `ticket_events_first_contact` (AFTER INSERT, per statement, set-based) keeps
 *   `first_responded_at` = the earliest agent contact (public agent message or call).
 * `sla_due_at` (generated) is the due time of the soonest running target; the inbox filters
 * and sorts on it through `tickets_sla_due_idx`.
 *
 * Measured on the 1M-line import benchmark's 122,593 tickets with a 24,518-ticket open backlog:
 * at_risk page, count and slaDue sort 9-15 ms. The price is one more write of the tickets row
 * (through its indexes) when a ticket gets its first contact: about 70 µs per ticket under
 * load. A narrow first-contacts table instead cost ~12 µs per ticket but 150-390 ms per read
 * (an anti-join inside an OR cannot use an index), and the live dashboard reads often.
 */
export class SlaPolicies1764092000000 implements MigrationInterface {
  name = 'SlaPolicies1764092000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `clock` leaves room for business-hours policies; only calendar time exists today.
    await queryRunner.query(`
      CREATE TABLE sla_policies (
        priority text PRIMARY KEY CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        first_response_minutes integer NOT NULL CHECK (first_response_minutes BETWEEN 1 AND 525600),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes BETWEEN 1 AND 525600),
        clock text NOT NULL DEFAULT 'calendar' CHECK (clock IN ('calendar')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES agents (id),
        CHECK (first_response_minutes <= resolution_minutes)
      )`);
    await queryRunner.query(`
      INSERT INTO sla_policies (priority, first_response_minutes, resolution_minutes) VALUES
        ('urgent', 30, 240), ('high', 60, 480), ('normal', 240, 1440), ('low', 480, 4320)`);
    await queryRunner.query(`
      CREATE TABLE sla_policy_changes (
        id bigserial PRIMARY KEY,
        priority text NOT NULL REFERENCES sla_policies (priority),
        first_response_minutes integer NOT NULL,
        resolution_minutes integer NOT NULL,
        previous_first_response_minutes integer NOT NULL,
        previous_resolution_minutes integer NOT NULL,
        retimed_tickets integer NOT NULL,
        changed_by uuid NOT NULL REFERENCES agents (id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX sla_policy_changes_at_idx ON sla_policy_changes (changed_at DESC, id DESC)`,
    );

    await queryRunner.query(`
      ALTER TABLE tickets
        ADD COLUMN first_responded_at timestamptz,
        ADD COLUMN first_response_due_at timestamptz,
        ADD COLUMN resolution_due_at timestamptz`);

    // Existing tickets, set-based: the earliest agent contact, then the due times.
    await queryRunner.query(`
      UPDATE tickets t SET first_responded_at = c.at
        FROM (SELECT ticket_id, min(at) AS at FROM ticket_events
               WHERE type = 'call'
                  OR (type = 'message' AND payload->>'author' = 'agent'
                      AND coalesce(payload->>'visibility', '') <> 'internal')
               GROUP BY ticket_id) c
       WHERE t.id = c.ticket_id`);
    await queryRunner.query(`
      UPDATE tickets t
         SET first_response_due_at = t.created_at + make_interval(mins => p.first_response_minutes),
             resolution_due_at = t.created_at + make_interval(mins => p.resolution_minutes)
        FROM sla_policies p
       WHERE p.priority = t.priority`);
    await queryRunner.query(`
      ALTER TABLE tickets
        ALTER COLUMN first_response_due_at SET NOT NULL,
        ALTER COLUMN resolution_due_at SET NOT NULL,
        ADD COLUMN sla_due_at timestamptz GENERATED ALWAYS AS (
          CASE
            WHEN status IN ('solved', 'closed') THEN NULL
            WHEN first_responded_at IS NULL THEN least(first_response_due_at, resolution_due_at)
            ELSE resolution_due_at
          END) STORED`);
    await queryRunner.query(`CREATE INDEX tickets_sla_due_idx ON tickets (sla_due_at, id)`);

    await queryRunner.query(`
      CREATE FUNCTION tickets_sla_due() RETURNS trigger LANGUAGE plpgsql AS $$
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
          NEW.resolution_due_at := NEW.created_at + make_interval(mins => policy.resolution_minutes);
          IF retime_all OR NEW.first_responded_at IS NULL THEN
            NEW.first_response_due_at := NEW.created_at + make_interval(mins => policy.first_response_minutes);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tickets_sla_due BEFORE INSERT OR UPDATE OF priority, created_at, status ON tickets
      FOR EACH ROW EXECUTE FUNCTION tickets_sla_due()`);

    await queryRunner.query(`
      CREATE FUNCTION ticket_events_first_contact() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER ticket_events_first_contact AFTER INSERT ON ticket_events
      REFERENCING NEW TABLE AS appended
      FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_first_contact()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ticket_events_first_contact ON ticket_events`);
    await queryRunner.query(`DROP FUNCTION ticket_events_first_contact()`);
    await queryRunner.query(`DROP TRIGGER tickets_sla_due ON tickets`);
    await queryRunner.query(`DROP FUNCTION tickets_sla_due()`);
    await queryRunner.query(`
      ALTER TABLE tickets
        DROP COLUMN sla_due_at,
        DROP COLUMN first_responded_at,
        DROP COLUMN first_response_due_at,
        DROP COLUMN resolution_due_at`);
    await queryRunner.query(`DROP TABLE sla_policy_changes`);
    await queryRunner.query(`DROP TABLE sla_policies`);
  }
}
