import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Presence } from '../agent-role';

export interface PresenceChange {
  presence: Presence;
  presenceChangedAt: Date;
  changed: boolean;
}

/** Changes an agent's presence and records the change, stamped by the database clock. */
@Injectable()
export class SetPresenceUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `reason` says why the desk changed it for the agent (e.g. `disconnected`); the agent is the
   * actor of a change it made itself.
   */
  async execute(agentId: string, presence: Presence, reason?: string): Promise<PresenceChange> {
    return this.dataSource.transaction((manager) => this.within(manager, agentId, presence, reason));
  }

  /**
   * The same inside the caller's transaction; `actorId` is who made the change for the agent
   * (an admin deactivating them), by default nobody when a reason is given, else the agent.
   */
  async within(
    manager: EntityManager,
    agentId: string,
    presence: Presence,
    reason?: string,
    actorId: string | null = reason ? null : agentId,
  ): Promise<PresenceChange> {
    const [current] = await manager.query<{ presence: Presence; presence_changed_at: Date }[]>(
      `SELECT presence, presence_changed_at FROM agents WHERE id = $1 FOR UPDATE`,
      [agentId],
    );
    if (current.presence === presence) {
      return { presence, presenceChangedAt: current.presence_changed_at, changed: false };
    }
    const [updated] = await manager.query<[{ presence_changed_at: Date }[], number]>(
      `UPDATE agents SET presence = $2, presence_changed_at = now(), updated_at = now()
          WHERE id = $1 RETURNING presence_changed_at`,
      [agentId, presence],
    );
    await manager.query(
      `INSERT INTO agent_events (agent_id, type, actor_id, at, payload)
         VALUES ($1, 'presence.changed', $3, now(), $2)`,
      [agentId, { from: current.presence, to: presence, ...(reason ? { reason } : {}) }, actorId],
    );
    return { presence, presenceChangedAt: updated[0].presence_changed_at, changed: true };
  }
}
