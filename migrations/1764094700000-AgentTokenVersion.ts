import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `agents.token_version`: every access token carries the version current when it was issued
 * (claim `ver`; tokens issued before this migration have none and count as 0). A password change
 * and a deactivation add one, so every token the agent held until then is refused.
 */
export class AgentTokenVersion1764094700000 implements MigrationInterface {
  name = 'AgentTokenVersion1764094700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agents DROP COLUMN token_version`);
  }
}
