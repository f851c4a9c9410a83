import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `POST /api/accounts/:id/adjustments` takes an `Idempotency-Key` header: a retry (or a double
 * click, or parallel copies of one request) with the same key on the same account answers the
 * first adjustment instead of making another one. The key is unique per account, and the
 * request it was first used with is kept, so the same key with another body can be refused.
 */
export class AdjustmentIdempotencyKeys1764094400000 implements MigrationInterface {
  name = 'AdjustmentIdempotencyKeys1764094400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE adjustments
        ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        ADD COLUMN idempotency_request jsonb,
        ADD CHECK ((idempotency_key IS NULL) = (idempotency_request IS NULL))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX adjustments_idempotency_key_idx ON adjustments (account_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX adjustments_idempotency_key_idx`);
    await queryRunner.query(
      `ALTER TABLE adjustments DROP COLUMN idempotency_request, DROP COLUMN idempotency_key`,
    );
  }
}
