import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reply templates ("canned responses") agents insert into a reply and edit before sending.
 * Names are unique in any letter case; who last changed one is kept.
 */
export class ReplyTemplates1764095200000 implements MigrationInterface {
  name = 'ReplyTemplates1764095200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reply_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
        body text NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 20000),
        created_by uuid REFERENCES agents (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES agents (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX reply_templates_name_key ON reply_templates (lower(name))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reply_templates`);
  }
}
