import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An approved adjustment can be reversed (`POST /api/adjustments/:id/reverse`, supervisors):
 * its status becomes `reversed` and it keeps its `effective_at`, so positions as of a day
 * before the reversal still count it (as a reversed payment counts until `reversed_at`). Who
 * reversed it, when and why are kept; a reversed adjustment always has all three.
 */
export class AdjustmentReversals1764095100000 implements MigrationInterface {
  name = 'AdjustmentReversals1764095100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE adjustments
        DROP CONSTRAINT adjustments_status_check,
        DROP CONSTRAINT adjustments_check,
        ADD COLUMN reversed_at timestamptz,
        ADD COLUMN reversed_by uuid REFERENCES agents (id),
        ADD COLUMN reversal_reason text,
        ADD CONSTRAINT adjustments_status_check
          CHECK (status IN ('pending_approval', 'approved', 'rejected', 'reversed')),
        ADD CONSTRAINT adjustments_effective_check
          CHECK ((status IN ('approved', 'reversed')) = (effective_at IS NOT NULL)),
        ADD CONSTRAINT adjustments_reversal_check
          CHECK ((status = 'reversed') = (reversed_at IS NOT NULL AND reversal_reason IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ n }] = (await queryRunner.query(
      `SELECT count(*)::int AS n FROM adjustments WHERE status = 'reversed'`,
    )) as { n: number }[];
    // Without the status a reversed adjustment would count again; refuse rather than lose it.
    if (n > 0) throw new Error(`${n} adjustments are reversed; the schema before reversals cannot hold them`);
    await queryRunner.query(`
      ALTER TABLE adjustments
        DROP CONSTRAINT adjustments_reversal_check,
        DROP CONSTRAINT adjustments_effective_check,
        DROP CONSTRAINT adjustments_status_check,
        DROP COLUMN reversal_reason,
        DROP COLUMN reversed_by,
        DROP COLUMN reversed_at,
        ADD CONSTRAINT adjustments_status_check
          CHECK (status IN ('pending_approval', 'approved', 'rejected')),
        ADD CONSTRAINT adjustments_check CHECK ((status = 'approved') = (effective_at IS NOT NULL))`);
  }
}
