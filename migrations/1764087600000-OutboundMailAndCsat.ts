import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound email and CSAT surveys, both fed by transactional outboxes (the KPI engine's pattern):
 *
 * - An agent's live public reply queues its email in the same transaction: a statement trigger on
 *   `ticket_messages` inserts the outbound `mail_messages` row (status `queued`) for every reply
 *   on a ticket with a requester address. Tickets know nothing about mail. A trigger on
 *   `mail_messages` notifies `mail_outbound` so the worker's relay enqueues it at once; a sweep
 *   catches whatever a notification missed.
 * - A live `ticket.solved` event creates a `csat_surveys` row (status `pending`, notify
 *   `csat_pending`); the worker schedules a delayed job, which sends the survey only if the ticket
 *   is still solved by that solve.
 * - `dev_mailbox`: what the development SMTP sink received (never used in production).
 */
export class OutboundMailAndCsat1764087600000 implements MigrationInterface {
  name = 'OutboundMailAndCsat1764087600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mail_messages
        ADD COLUMN outbound_kind text CHECK (outbound_kind IN ('reply', 'csat_survey', 'csat_clarification')),
        ADD COLUMN body_text text,
        ADD COLUMN body_html text,
        ADD COLUMN enqueued_at timestamptz,
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN csat_survey_id uuid`);
    await queryRunner.query(
      `CREATE INDEX mail_messages_outbox_idx ON mail_messages (received_at) WHERE direction = 'outbound' AND status = 'queued'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX mail_messages_reply_once_idx ON mail_messages (ticket_message_id) WHERE direction = 'outbound' AND outbound_kind = 'reply'`,
    );

    await queryRunner.query(`
      CREATE FUNCTION queue_reply_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO mail_messages (direction, source, status, outbound_kind, ticket_id, ticket_message_id, to_addresses)
        SELECT 'outbound', 'desk', 'queued', 'reply', m.ticket_id, m.id, ARRAY[t.requester_email]
          FROM new_messages m
          JOIN ticket_events e ON e.id = m.event_id AND e.source = 'live'
          JOIN tickets t ON t.id = m.ticket_id
         WHERE m.kind = 'reply' AND t.requester_email IS NOT NULL AND position('@' in t.requester_email) > 1;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_messages_queue_reply_mail AFTER INSERT ON ticket_messages
      REFERENCING NEW TABLE AS new_messages
      FOR EACH STATEMENT EXECUTE FUNCTION queue_reply_mail()`);

    await queryRunner.query(`
      CREATE FUNCTION notify_mail_outbound() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_mail WHERE direction = 'outbound' AND status = 'queued') THEN
          PERFORM pg_notify('mail_outbound', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER mail_messages_notify_outbound AFTER INSERT ON mail_messages
      REFERENCING NEW TABLE AS new_mail
      FOR EACH STATEMENT EXECUTE FUNCTION notify_mail_outbound()`);

    await queryRunner.query(`
      CREATE TABLE csat_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        solved_event_id bigint NOT NULL UNIQUE REFERENCES ticket_events (id),
        solved_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'scheduled', 'sent', 'skipped')),
        status_reason text,
        scheduled_at timestamptz,
        sent_at timestamptz,
        sent_event_id bigint REFERENCES ticket_events (id),
        mail_message_id uuid REFERENCES mail_messages (id),
        clarification_sent_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX csat_surveys_ticket_idx ON csat_surveys (ticket_id)`);
    await queryRunner.query(
      `CREATE INDEX csat_surveys_pending_idx ON csat_surveys (solved_at) WHERE status IN ('pending', 'scheduled')`,
    );
    await queryRunner.query(`
      ALTER TABLE mail_messages ADD CONSTRAINT mail_messages_csat_survey_fk
        FOREIGN KEY (csat_survey_id) REFERENCES csat_surveys (id)`);
    await queryRunner.query(`
      CREATE FUNCTION mark_csat_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO csat_surveys (ticket_id, solved_event_id, solved_at)
        SELECT ticket_id, id, at FROM new_events WHERE type = 'ticket.solved' AND source = 'live'
        ON CONFLICT (solved_event_id) DO NOTHING;
        IF FOUND THEN
          PERFORM pg_notify('csat_pending', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_events_mark_csat_pending AFTER INSERT ON ticket_events
      REFERENCING NEW TABLE AS new_events
      FOR EACH STATEMENT EXECUTE FUNCTION mark_csat_pending()`);

    await queryRunner.query(`
      CREATE TABLE dev_mailbox (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        envelope_from text,
        envelope_to text[] NOT NULL DEFAULT '{}',
        message_id text,
        subject text,
        raw bytea NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dev_mailbox`);
    await queryRunner.query(`DROP TRIGGER ticket_events_mark_csat_pending ON ticket_events`);
    await queryRunner.query(`DROP FUNCTION mark_csat_pending()`);
    await queryRunner.query(`ALTER TABLE mail_messages DROP CONSTRAINT mail_messages_csat_survey_fk`);
    await queryRunner.query(`DROP TABLE csat_surveys`);
    await queryRunner.query(`DROP TRIGGER mail_messages_notify_outbound ON mail_messages`);
    await queryRunner.query(`DROP FUNCTION notify_mail_outbound()`);
    await queryRunner.query(`DROP TRIGGER ticket_messages_queue_reply_mail ON ticket_messages`);
    await queryRunner.query(`DROP FUNCTION queue_reply_mail()`);
    await queryRunner.query(`DROP INDEX mail_messages_reply_once_idx`);
    await queryRunner.query(`DROP INDEX mail_messages_outbox_idx`);
    await queryRunner.query(`
      ALTER TABLE mail_messages
        DROP COLUMN csat_survey_id, DROP COLUMN last_attempt_at, DROP COLUMN enqueued_at,
        DROP COLUMN body_html, DROP COLUMN body_text, DROP COLUMN outbound_kind`);
  }
}
