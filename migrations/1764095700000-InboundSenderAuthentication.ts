import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sender checks of inbound mail (SPF, DKIM, DMARC):
 * - `smtp_client_ip`, `smtp_helo`: who handed the message to the desk's SMTP listener (null for
 *   mail fetched over IMAP), stored with the raw message: SPF checks them;
 * - `sender_authentication`: what the checks said (`SenderAuthentication` in libs/contracts),
 *   set when the message is filed; null for outbound mail, mail filed before this migration and
 *   with MAIL_SENDER_AUTHENTICATION=off.
 */
export class InboundSenderAuthentication1764095700000 implements MigrationInterface {
  name = 'InboundSenderAuthentication1764095700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mail_messages
        ADD COLUMN smtp_client_ip text,
        ADD COLUMN smtp_helo text,
        ADD COLUMN sender_authentication jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mail_messages DROP COLUMN smtp_client_ip, DROP COLUMN smtp_helo, DROP COLUMN sender_authentication`);
  }
}
