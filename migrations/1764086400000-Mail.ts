import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email: every message the desk receives or sends, raw MIME first (nothing is lost when parsing
 * fails), its attachments, and the outbound queue. Message-IDs index both directions so replies
 * thread onto their ticket.
 */
export class Mail1764086400000 implements MigrationInterface {
  name = 'Mail1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        source text NOT NULL CHECK (source IN ('smtp', 'imap', 'desk')),
        raw bytea,
        size_bytes integer NOT NULL DEFAULT 0,
        envelope_from text,
        envelope_to text[] NOT NULL DEFAULT '{}',
        message_id text,
        in_reply_to text,
        reference_ids text[] NOT NULL DEFAULT '{}',
        from_address text,
        to_addresses text[] NOT NULL DEFAULT '{}',
        subject text,
        ticket_id uuid REFERENCES tickets (id),
        ticket_message_id uuid REFERENCES ticket_messages (id),
        status text NOT NULL CHECK (status IN ('received', 'processed', 'ignored', 'failed', 'queued', 'sent', 'bounced')),
        status_reason text,
        attempts integer NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        sent_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX mail_messages_message_id_idx ON mail_messages (message_id, direction) WHERE message_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX mail_messages_ticket_idx ON mail_messages (ticket_id)`);
    await queryRunner.query(`CREATE INDEX mail_messages_status_idx ON mail_messages (status, received_at)`);
    await queryRunner.query(
      `CREATE INDEX mail_messages_from_idx ON mail_messages (lower(from_address), received_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE mail_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mail_message_id uuid NOT NULL REFERENCES mail_messages (id) ON DELETE CASCADE,
        filename text,
        content_type text NOT NULL,
        content_id text,
        inline boolean NOT NULL DEFAULT false,
        size_bytes integer NOT NULL,
        content bytea NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX mail_attachments_message_idx ON mail_attachments (mail_message_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_attachments`);
    await queryRunner.query(`DROP TABLE mail_messages`);
  }
}
