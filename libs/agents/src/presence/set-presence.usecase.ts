import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
    return this.dataSource.transaction(async (manager) => {
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
        [
          agentId,
          { from: current.presence, to: presence, ...(reason ? { reason } : {}) },
          reason ? null : agentId,
        ],
      );
      return { presence, presenceChangedAt: updated[0].presence_changed_at, changed: true };
    });
  }
}
