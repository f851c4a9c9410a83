import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { KPI_TARGET_DEFINITIONS, KpiTargetDefinition, TargetKpi } from './kpi-target-definitions';
import { KpiTargetView, SetKpiTargetDto } from './kpi-target.dto';
import { KpiTargetsQuery } from './kpi-targets.query';

/** Sets the desk-wide target of a KPI or a team's override, logging the change, in one transaction. */
@Injectable()
export class SetKpiTargetUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: KpiTargetsQuery,
  ) {}

  async execute(kpi: TargetKpi, command: SetKpiTargetDto, agent: AuthenticatedAgent): Promise<KpiTargetView> {
    const definition: KpiTargetDefinition = KPI_TARGET_DEFINITIONS[kpi];
    const { min, max } = definition;
    // Malformed for the KPI's unit (like a malformed field: 400); out of its range: 422.
    if (definition.wholeSeconds && !Number.isInteger(command.value)) {
      throw new BadRequestException({
        message: `value: a ${kpi} target must be a whole number of seconds`,
        details: [{ field: 'value', problems: [`must be a whole number of seconds for ${kpi}`] }],
      });
    }
    if (command.value < min || command.value > max) {
      throw new UnprocessableEntityException({
        message: `value: a ${kpi} target must be from ${min} to ${max}`,
        details: [{ field: 'value', problems: [`must be from ${min} to ${max} for ${kpi}`] }],
      });
    }
    const teamId = command.teamId ?? null;
    return this.dataSource.transaction(async (manager) => {
      if (teamId !== null) {
        const teams: unknown[] = await manager.query(`SELECT 1 FROM teams WHERE id = $1`, [teamId]);
        if (teams.length === 0) {
          throw new UnprocessableEntityException({
            message: `teamId: no team with id ${teamId}`,
            details: [{ field: 'teamId', problems: ['unknown team'] }],
          });
        }
      }
      const [previous] = await manager.query<{ value: number }[]>(
        `SELECT value FROM kpi_targets WHERE kpi = $1 AND team_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`,
        [kpi, teamId],
      );
      if (previous?.value !== command.value) {
        await manager.query(
          `INSERT INTO kpi_targets (kpi, team_id, value, updated_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT ON CONSTRAINT kpi_targets_kpi_team_key
           DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
          [kpi, teamId, command.value, agent.id],
        );
        await manager.query(
          `INSERT INTO kpi_target_changes (kpi, team_id, value, previous_value, changed_by)
           VALUES ($1, $2, $3, $4, $5)`,
          [kpi, teamId, command.value, previous?.value ?? null, agent.id],
        );
      }
      const target = await this.targets.one(manager, kpi, teamId);
      if (!target) throw new Error(`kpi target ${kpi}/${teamId} vanished`);
      return target;
    });
  }
}
