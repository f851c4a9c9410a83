import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SetPresenceUseCase } from '@ledgerdesk/agents';
import { AppConfig, REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { LiveInstance } from '../sockets/live-instance';

const CONNECTIONS_TTL_MS = 24 * 3600_000;

const connectionsKey = (agentId: string): string => `live:connections:${agentId}`;

/**
 * Which agents have the console open, across every api instance (one Redis hash per agent, a
 * field per socket). When an agent's last connection has been gone for
 * PRESENCE_OFFLINE_AFTER_SECONDS — the tab closed, the laptop shut, the network lost — the agent
 * is set offline (`presence.changed` with reason `disconnected`), so the supervisors' wall does
 * not show people as available who left hours ago. A reload or a short network drop within the
 * grace period changes nothing.
 */
@Injectable()
export class AgentConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(AgentConnections.name);
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly instance: LiveInstance,
    private readonly presence: SetPresenceUseCase,
    private readonly config: AppConfig,
  ) {}

  onApplicationShutdown(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  async connected(agentId: string, socketId: string): Promise<void> {
    await this.redis
      .multi()
      .hset(connectionsKey(agentId), this.instance.field(socketId), new Date().toISOString())
      .pexpire(connectionsKey(agentId), CONNECTIONS_TTL_MS)
      .exec();
  }

  async disconnected(agentId: string, socketId: string): Promise<void> {
    await this.redis.hdel(connectionsKey(agentId), this.instance.field(socketId));
    clearTimeout(this.pending.get(agentId));
    const timer = setTimeout(() => {
      this.pending.delete(agentId);
      this.offlineIfGone(agentId).catch((error: Error) =>
        this.logger.warn(`presence of agent ${agentId}: ${error.message}`),
      );
    }, this.config.presenceOfflineAfterSeconds * 1000);
    timer.unref();
    this.pending.set(agentId, timer);
  }

  /** Sets the agent offline unless a connection of theirs is alive on some instance. */
  async offlineIfGone(agentId: string): Promise<boolean> {
    const fields = await this.redis.hkeys(connectionsKey(agentId));
    const dead = await this.instance.deadFields(fields);
    if (dead.length > 0) await this.redis.hdel(connectionsKey(agentId), ...dead);
    if (fields.length > dead.length) return false;
    return (await this.presence.execute(agentId, 'offline', 'disconnected')).changed;
  }
}
