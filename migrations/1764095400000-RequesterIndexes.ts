import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's other tickets (`GET /api/tickets?requester=`, beside every ticket in the console)
 * by requester email or phone, through an index instead of a scan of every ticket.
 */
export class RequesterIndexes1764095400000 implements MigrationInterface {
  name = 'RequesterIndexes1764095400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX tickets_requester_email_idx ON tickets (requester_email) WHERE requester_email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX tickets_requester_phone_idx ON tickets (requester_phone) WHERE requester_phone IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX tickets_requester_phone_idx`);
    await queryRunner.query(`DROP INDEX tickets_requester_email_idx`);
  }
}
