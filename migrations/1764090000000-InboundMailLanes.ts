import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound mail is filed in batches, per sender lane, in arrival order:
 *
 * - `lane` (the sender's lane, set when the raw MIME is stored), `seq` (arrival order) and
 *   `retry_at` (backoff after a failed attempt), with a partial index over the waiting messages;
 * - a statement trigger notifies `mail_inbound` when waiting mail is stored, so the worker files
 *   it at once (a one-second sweep catches the rest);
 * - the desk's own Message-IDs are stored without angle brackets, as inbound ones always were,
 *   so a reply's In-Reply-To/References find the outbound mail they answer.
 */
export class InboundMailLanes1764090000000 implements MigrationInterface {
  name = 'InboundMailLanes1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mail_messages
        ADD COLUMN lane smallint NOT NULL DEFAULT 0,
        ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
        ADD COLUMN retry_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX mail_messages_inbound_waiting_idx ON mail_messages (lane, seq) WHERE direction = 'inbound' AND status = 'received'`,
    );
    await queryRunner.query(`
      UPDATE mail_messages SET message_id = substring(message_id FROM 2 FOR length(message_id) - 2)
       WHERE direction = 'outbound' AND message_id LIKE '<%>'`);
    await queryRunner.query(`
      CREATE FUNCTION notify_mail_inbound() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_mail WHERE direction = 'inbound' AND status = 'received') THEN
          PERFORM pg_notify('mail_inbound', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER mail_messages_notify_inbound AFTER INSERT ON mail_messages
      REFERENCING NEW TABLE AS new_mail
      FOR EACH STATEMENT EXECUTE FUNCTION notify_mail_inbound()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER mail_messages_notify_inbound ON mail_messages`);
    await queryRunner.query(`DROP FUNCTION notify_mail_inbound()`);
    await queryRunner.query(`
      UPDATE mail_messages SET message_id = '<' || message_id || '>'
       WHERE direction = 'outbound' AND message_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX mail_messages_inbound_waiting_idx`);
    await queryRunner.query(
      `ALTER TABLE mail_messages DROP COLUMN retry_at, DROP COLUMN seq, DROP COLUMN lane`,
    );
  }
}
