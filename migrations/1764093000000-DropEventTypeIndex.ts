import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `ticket_events (type, at)`: no query reads the log by type across tickets (the KPI
 * engine, the timeline and the import all go through `(ticket_id, at, id)`), and every appended
 * event paid for it: one of the log's four indexes, on the hot path of every history import.
 */
export class DropEventTypeIndex1764093000000 implements MigrationInterface {
  name = 'DropEventTypeIndex1764093000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ticket_events_type_at_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ticket_events_type_at_idx ON ticket_events (type, at)`);
  }
}
