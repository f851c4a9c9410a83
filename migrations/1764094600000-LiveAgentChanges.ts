import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `live_agents`: the ids of the agents an admin changed (an `agent.updated` row in
 * `agent_events`), comma-separated, sent when the change commits. Every api instance listens
 * (libs/live CommittedChangesListener) and checks the live connections of those agents again, so a
 * deactivation, a role or team change reaches open sockets on every instance, whichever process
 * made the change. Sent through `ledgerdesk_notify` (migration DeferredNotifications), so it
 * leaves the writing transaction like every other notification.
 */
export class LiveAgentChanges1764094600000 implements MigrationInterface {
  name = 'LiveAgentChanges1764094600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_live_agents() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        chunk text;
      BEGIN
        FOR chunk IN
          SELECT string_agg(agent_id::text, ',' ORDER BY agent_id)
            FROM (SELECT agent_id, (row_number() OVER (ORDER BY agent_id) - 1) / 150 AS part
                    FROM (SELECT DISTINCT agent_id FROM changed_rows WHERE type = 'agent.updated') AS agents
                 ) AS numbered
           GROUP BY part
        LOOP
          PERFORM ledgerdesk_notify('live_agents', chunk);
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER agent_events_notify_live_agents AFTER INSERT ON agent_events
      REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_live_agents()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER agent_events_notify_live_agents ON agent_events`);
    await queryRunner.query(`DROP FUNCTION notify_live_agents()`);
  }
}
