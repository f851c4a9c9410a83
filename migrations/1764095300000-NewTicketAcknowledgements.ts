import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgement emails: a customer who opens a ticket by email or the contact form is told it
 * was received and its number. A new outbound kind, at most one per ticket.
 */
export class NewTicketAcknowledgements1764095300000 implements MigrationInterface {
  name = 'NewTicketAcknowledgements1764095300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mail_messages
        DROP CONSTRAINT mail_messages_outbound_kind_check,
        ADD CONSTRAINT mail_messages_outbound_kind_check
          CHECK (outbound_kind IN ('reply', 'csat_survey', 'csat_clarification', 'acknowledgement'))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX mail_messages_acknowledgement_once_idx ON mail_messages (ticket_id)
        WHERE direction = 'outbound' AND outbound_kind = 'acknowledgement'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX mail_messages_acknowledgement_once_idx`);
    await queryRunner.query(`DELETE FROM mail_messages WHERE outbound_kind = 'acknowledgement'`);
    await queryRunner.query(`
      ALTER TABLE mail_messages
        DROP CONSTRAINT mail_messages_outbound_kind_check,
        ADD CONSTRAINT mail_messages_outbound_kind_check
          CHECK (outbound_kind IN ('reply', 'csat_survey', 'csat_clarification'))`);
  }
}
