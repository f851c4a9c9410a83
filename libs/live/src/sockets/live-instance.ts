import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

const INSTANCE_TTL_MS = 30_000;
const INSTANCE_BEAT_MS = 10_000;

const instanceKey = (instanceId: string): string => `live:instance:${instanceId}`;

/**
 * This api instance as the other instances see it in Redis: a 30-second liveness key kept alive
 * every 10 seconds. Shared entries (a ticket's viewers, an agent's connections) are filed under
 * `<instance>/<socket>`, so an instance that died without cleaning up can be told apart and its
 * entries dropped when read.
 */
@Injectable()
export class LiveInstance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveInstance.name);
  readonly id = randomUUID();
  private beat?: NodeJS.Timeout;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.keepAlive();
    this.beat = setInterval(
      () => void this.keepAlive().catch((error: Error) => this.logger.warn(error.message)),
      INSTANCE_BEAT_MS,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.beat);
    await this.redis.del(instanceKey(this.id)).catch(() => undefined);
  }

  /** The field a socket of this instance is filed under. */
  field(socketId: string): string {
    return `${this.id}/${socketId}`;
  }

  /** Of these `<instance>/<socket>` fields, those whose instance is no longer alive. */
  async deadFields(fields: string[]): Promise<string[]> {
    if (fields.length === 0) return [];
    const instances = [...new Set(fields.map((field) => field.split('/')[0]))];
    const alive = await this.redis.mget(...instances.map(instanceKey));
    const dead = new Set(instances.filter((_, index) => alive[index] === null));
    return fields.filter((field) => dead.has(field.split('/')[0]));
  }

  private async keepAlive(): Promise<void> {
    await this.redis.set(instanceKey(this.id), '1', 'PX', INSTANCE_TTL_MS);
  }
}
