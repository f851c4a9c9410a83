import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { TargetKpi } from './kpi-target-definitions';

/** Removes a team's override (the desk-wide target applies again) or the desk-wide target, logging it. */
@Injectable()
export class RemoveKpiTargetUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(kpi: TargetKpi, teamId: string | null, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [removed] = await manager.query<[{ value: number }[], number]>(
        `DELETE FROM kpi_targets WHERE kpi = $1 AND team_id IS NOT DISTINCT FROM $2::uuid RETURNING value`,
        [kpi, teamId],
      );
      if (removed.length === 0) {
        throw new NotFoundException(
          teamId ? `No ${kpi} target for team ${teamId}` : `No desk-wide ${kpi} target is set`,
        );
      }
      await manager.query(
        `INSERT INTO kpi_target_changes (kpi, team_id, value, previous_value, changed_by)
         VALUES ($1, $2, NULL, $3, $4)`,
        [kpi, teamId, removed[0].value, agent.id],
      );
    });
  }
}
