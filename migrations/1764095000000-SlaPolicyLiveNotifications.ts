import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SLA policy change re-times the running targets of every unresolved ticket of its priority
 * (`PUT /api/sla/policies/:priority`), which moves the supervisors' "SLA at risk" and the agents'
 * "breaching soon" counts; it appends no ticket event, so until now the live dashboard saw it only
 * on its 30-second clock. A statement trigger on `sla_policies` now sends `live_metrics` with
 * payload `sla` through `notify_live_metrics` (hence `ledgerdesk_notify`: in the changing
 * transaction, sent right after its COMMIT, nothing for a rollback); the live listener then
 * pushes fresh metrics to supervisors and fresh counts to every connected agent.
 */
export class SlaPolicyLiveNotifications1764095000000 implements MigrationInterface {
  name = 'SlaPolicyLiveNotifications1764095000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TRIGGER sla_policies_notify_live AFTER UPDATE ON sla_policies
      REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_live_metrics('sla')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sla_policies_notify_live ON sla_policies`);
  }
}
