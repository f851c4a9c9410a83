import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scorecard targets per KPI: one desk-wide value and optional per-team overrides, each change
 * logged with who and when. KPI names and value ranges are checked by the API
 * (libs/kpi/src/targets/kpi-target-definitions.ts), so a new KPI needs no migration.
 */
export class KpiTargets1764092100000 implements MigrationInterface {
  name = 'KpiTargets1764092100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_targets (
        id bigserial PRIMARY KEY,
        kpi text NOT NULL,
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        value double precision NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES agents (id),
        CONSTRAINT kpi_targets_kpi_team_key UNIQUE NULLS NOT DISTINCT (kpi, team_id)
      )`);
    await queryRunner.query(`
      INSERT INTO kpi_targets (kpi, value) VALUES
        ('fcrRate', 0.7), ('frtMedianSeconds', 3600), ('ahtSeconds', 600), ('csatScore', 85),
        ('resolutionMedianSeconds', 86400), ('reopenRate', 0.05)`);
    await queryRunner.query(`
      CREATE TABLE kpi_target_changes (
        id bigserial PRIMARY KEY,
        kpi text NOT NULL,
        team_id uuid,
        value double precision,
        previous_value double precision,
        changed_by uuid NOT NULL REFERENCES agents (id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX kpi_target_changes_at_idx ON kpi_target_changes (changed_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE kpi_target_changes`);
    await queryRunner.query(`DROP TABLE kpi_targets`);
  }
}
