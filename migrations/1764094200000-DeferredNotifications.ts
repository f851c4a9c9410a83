import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications leave the writing transaction. A transaction that calls `pg_notify` holds a
 * database-wide lock from its commit until its WAL is flushed (PostgreSQL queues notifications
 * in commit order), so every transaction that notified committed one at a time: live appends
 * capped at about 300 commits/s on the 2-core benchmark machine, and the KPI worker's large
 * commits held up the live ones.
 *
 * Every trigger function now calls `ledgerdesk_notify(channel, payload)` instead. Inside a
 * transaction the application opened (it sets `ledgerdesk.defer_notify`, see
 * libs/shared/src/db/deferred-notifications.subscriber.ts) it only records the notification in
 * a transaction-local setting; the application reads it just before COMMIT and sends the
 * notifications right after, from no transaction (no WAL to flush, so the lock is held for
 * microseconds). Anywhere else — psql, a statement outside a transaction — it notifies at once,
 * as before. Every consumer also sweeps its outbox, so a notification lost to a crash between
 * commit and send only delays a wake-up.
 *
 * The functions are rewritten in place (each `pg_notify(` becomes `ledgerdesk_notify(`), so their
 * bodies stay what the earlier migrations made them.
 */
const REWRITE = (from: string, to: string): string => `
  DO $$
  DECLARE f record;
  BEGIN
    FOR f IN
      SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = current_schema() AND p.proname <> 'ledgerdesk_notify'
         AND p.prosrc LIKE '%${from}(%'
    LOOP
      EXECUTE replace(pg_get_functiondef(f.oid), '${from}(', '${to}(');
    END LOOP;
  END $$`;

export class DeferredNotifications1764094200000 implements MigrationInterface {
  name = 'DeferredNotifications1764094200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledgerdesk_notify(channel text, payload text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('ledgerdesk.defer_notify', true) = 'on' THEN
          PERFORM set_config('ledgerdesk.deferred_notifications',
            coalesce(current_setting('ledgerdesk.deferred_notifications', true), '')
              || json_build_array(channel, payload)::text || E'\\n',
            true);
        ELSE
          PERFORM pg_notify(channel, payload);
        END IF;
      END $$`);
    await queryRunner.query(REWRITE('pg_notify', 'ledgerdesk_notify'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REWRITE('ledgerdesk_notify', 'pg_notify'));
    await queryRunner.query(`DROP FUNCTION ledgerdesk_notify(text, text)`);
  }
}
