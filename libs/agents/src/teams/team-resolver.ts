import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Team } from '../team.entity';

/** Turns team names into teams, creating the missing ones (names compare case-insensitively). */
@Injectable()
export class TeamResolver {
  /** One team by name: created unless a team of that name (in any letter case) exists. */
  async findOrCreate(manager: EntityManager, name: string): Promise<{ team: Team; created: boolean }> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO teams (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
      [name.trim()],
    );
    const team = await manager
      .getRepository(Team)
      .createQueryBuilder('team')
      .where('lower(team.name) = lower(:name)', { name: name.trim() })
      .getOneOrFail();
    return { team, created: inserted.length > 0 };
  }

  async resolve(manager: EntityManager, names: string[]): Promise<Team[]> {
    const byKey = new Map<string, string>();
    // The first spelling of a name given twice (in any case) is the one a new team gets.
    for (const name of names)
      if (!byKey.has(name.trim().toLowerCase())) byKey.set(name.trim().toLowerCase(), name.trim());
    const unique = [...byKey.values()];
    if (unique.length === 0) return [];
    await manager.query(
      `INSERT INTO teams (name) SELECT unnest($1::text[]) ON CONFLICT ((lower(name))) DO NOTHING`,
      [unique],
    );
    return manager
      .getRepository(Team)
      .createQueryBuilder('team')
      .where('lower(team.name) = ANY(:names)', { names: unique.map((name) => name.toLowerCase()) })
      .orderBy('team.name')
      .getMany();
  }
}
