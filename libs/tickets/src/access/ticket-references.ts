import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Checks ids a client puts on a ticket, with errors that name the field. */
export async function assertActiveAgent(
  manager: EntityManager,
  agentId: string,
  field: string,
): Promise<void> {
  const rows: { active: boolean }[] = await manager.query(
    `SELECT active FROM agents WHERE id = $1 FOR SHARE`,
    [agentId],
  );
  if (!rows[0])
    throw new UnprocessableEntityException({
      message: `${field}: no agent with id ${agentId}`,
      details: [{ field, problems: ['unknown agent'] }],
    });
  if (!rows[0].active)
    throw new UnprocessableEntityException({
      message: `${field}: agent ${agentId} is deactivated`,
      details: [{ field, problems: ['deactivated agent'] }],
    });
}

export async function assertTeamExists(manager: EntityManager, teamId: string, field: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM teams WHERE id = $1`, [teamId]);
  if (!rows[0])
    throw new UnprocessableEntityException({
      message: `${field}: no team with id ${teamId}`,
      details: [{ field, problems: ['unknown team'] }],
    });
}
