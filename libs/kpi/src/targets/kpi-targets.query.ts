import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgentKpis } from '../queries/kpi.queries';
import {
  isTargetKpi,
  KPI_TARGET_DEFINITIONS,
  meetsTarget,
  strictest,
  TARGET_KPIS,
  TargetKpi,
} from './kpi-target-definitions';
import { AgentKpiTargets, KpiTargetsView, KpiTargetView } from './kpi-target.dto';

interface TargetRow {
  kpi: string;
  team_id: string | null;
  value: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

/** Reads KPI targets, and evaluates each agent's figures against the targets that apply to it. */
@Injectable()
export class KpiTargetsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<KpiTargetsView> {
    return {
      definitions: TARGET_KPIS.map((kpi) => {
        const { direction, min, max } = KPI_TARGET_DEFINITIONS[kpi];
        return { kpi, direction, min, max };
      }),
      targets: await this.targets(),
    };
  }

  async one(
    manager: EntityManager,
    kpi: TargetKpi,
    teamId: string | null,
  ): Promise<KpiTargetView | undefined> {
    return (await this.targets(manager, { kpi, teamId }))[0];
  }

  /**
   * Each agent's effective target per KPI: its teams' overrides (the strictest, when several
   * teams override), else the desk-wide target; KPIs without either are left out.
   */
  async forAgents(agents: readonly AgentKpis[]): Promise<AgentKpiTargets> {
    const targets = await this.targets();
    const memberships = await this.dataSource.query<{ agent_id: string; team_id: string }[]>(
      `SELECT agent_id, team_id FROM agent_teams WHERE agent_id = ANY($1::uuid[])`,
      [agents.map((agent) => agent.agentId)],
    );
    const teamsOf = new Map<string, Set<string>>();
    for (const { agent_id, team_id } of memberships) {
      teamsOf.set(agent_id, (teamsOf.get(agent_id) ?? new Set()).add(team_id));
    }
    const result: AgentKpiTargets = {};
    for (const agent of agents) {
      const teams = teamsOf.get(agent.agentId) ?? new Set<string>();
      const own: AgentKpiTargets[string] = {};
      for (const kpi of TARGET_KPIS) {
        const { direction, figure } = KPI_TARGET_DEFINITIONS[kpi];
        const overrides = targets.filter((t) => t.kpi === kpi && t.teamId !== null && teams.has(t.teamId));
        const desk = targets.find((t) => t.kpi === kpi && t.teamId === null);
        const values = overrides.length ? overrides.map((t) => t.value) : desk ? [desk.value] : [];
        if (values.length === 0) continue;
        const target = strictest(direction, values);
        own[kpi] = { target, direction, met: meetsTarget(direction, target, figure(agent)) };
      }
      result[agent.agentId] = own;
    }
    return result;
  }

  private async targets(
    manager: EntityManager = this.dataSource.manager,
    only?: { kpi: TargetKpi; teamId: string | null },
  ): Promise<KpiTargetView[]> {
    const rows: TargetRow[] = await manager.query(
      `SELECT k.kpi, k.team_id, k.value, k.updated_at, k.updated_by, a.name AS updated_by_name
         FROM kpi_targets k LEFT JOIN agents a ON a.id = k.updated_by
        WHERE $1::text IS NULL OR (k.kpi = $1 AND k.team_id IS NOT DISTINCT FROM $2::uuid)
        ORDER BY k.kpi, k.team_id NULLS FIRST`,
      [only?.kpi ?? null, only?.teamId ?? null],
    );
    return rows.flatMap((row) =>
      isTargetKpi(row.kpi)
        ? [
            {
              kpi: row.kpi,
              direction: KPI_TARGET_DEFINITIONS[row.kpi].direction,
              teamId: row.team_id,
              value: row.value,
              updatedAt: row.updated_at,
              updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
            },
          ]
        : [],
    );
  }
}
