import { EntityManager } from 'typeorm';

/**
 * Agent ids by email (case-insensitive), loaded once per import: history names agents by email.
 * Deactivated agents are included; history may well mention people who have since left.
 */
export class AgentDirectory {
  private constructor(private readonly idsByEmail: ReadonlyMap<string, string>) {}

  static async load(manager: EntityManager): Promise<AgentDirectory> {
    const rows: { id: string; email: string }[] = await manager.query(
      `SELECT id, lower(email) AS email FROM agents`,
    );
    return new AgentDirectory(new Map(rows.map((row) => [row.email, row.id])));
  }

  idOf(email: string): string | undefined {
    return this.idsByEmail.get(email.trim().toLowerCase());
  }
}
