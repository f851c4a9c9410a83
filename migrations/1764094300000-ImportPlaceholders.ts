import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket an import created and has not projected yet is a placeholder: new, unassigned,
 * created "now", with the subject "(imported ticket …)". During a long import thousands of them
 * topped every inbox, counted as new unassigned work in the live queue and ran SLA clocks.
 * `placeholder` marks them from the batch that creates them until their projection, and lists,
 * queue metrics, counts, SLA views and the backlog leave them out. A ticket opened by its id or
 * number still shows.
 */
export class ImportPlaceholders1764094300000 implements MigrationInterface {
  name = 'ImportPlaceholders1764094300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tickets ADD COLUMN placeholder boolean NOT NULL DEFAULT false`);
    // Placeholders an interrupted import left: projected by the next import or the worker's sweep.
    await queryRunner.query(`
      UPDATE tickets t SET placeholder = true
        FROM ticket_projection_pending p
       WHERE p.ticket_id = t.id
         AND t.subject = '(imported ticket ' || t.external_key || ')'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN placeholder`);
  }
}
