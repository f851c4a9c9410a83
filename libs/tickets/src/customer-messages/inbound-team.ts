import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';

const logger = new Logger('InboundTeam');

/**
 * The team tickets customers open (by email or the contact form) land in: `INBOUND_TEAM`, by
 * name in any letter case. None when unset, or when no such team exists (warned: the tickets
 * then wait for a supervisor to route them).
 */
export async function inboundTeamId(manager: EntityManager, name: string): Promise<string | null> {
  if (!name) return null;
  const [team] = await manager.query<{ id: string }[]>(`SELECT id FROM teams WHERE lower(name) = lower($1)`, [
    name,
  ]);
  if (!team) logger.warn(`INBOUND_TEAM names no team (${JSON.stringify(name)}): new tickets stay unrouted`);
  return team?.id ?? null;
}
