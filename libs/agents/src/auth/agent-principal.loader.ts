import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentRole } from '../agent-role';
import { AuthenticatedAgent } from './authenticated-agent';

interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  active: boolean;
  token_version: number;
  team_ids: string[];
}

/**
 * Loads an agent with its team ids (ordered by team name, so "the agent's first team" is stable)
 * in one query; used by the guard on every request.
 */
@Injectable()
export class AgentPrincipalLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    agentId: string,
  ): Promise<(AuthenticatedAgent & { active: boolean; tokenVersion: number }) | undefined> {
    const rows: PrincipalRow[] = await this.dataSource.query(
      `SELECT a.id, a.email, a.name, a.role, a.active, a.token_version,
              coalesce(array_agg(t.team_id ORDER BY tm.name) FILTER (WHERE t.team_id IS NOT NULL), '{}') AS team_ids
         FROM agents a
         LEFT JOIN agent_teams t ON t.agent_id = a.id
         LEFT JOIN teams tm ON tm.id = t.team_id
        WHERE a.id = $1
        GROUP BY a.id`,
      [agentId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      active: row.active,
      tokenVersion: row.token_version,
      teamIds: row.team_ids,
    };
  }
}
