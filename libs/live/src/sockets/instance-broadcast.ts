import { Logger } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import Redis from 'ioredis';

/**
 * A Redis channel every api instance listens on, for state kept in Redis that each instance
 * pushes to its own sockets (a ticket's viewers, a customer in a chat): `announce(ticketId)`
 * reaches every instance's handler, this one's included. The owner starts and stops it with the
 * application.
 */
export class InstanceBroadcast {
  private readonly channel: string;
  private subscriber?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly publisher: Redis,
    name: string,
    private readonly handle: (ticketId: string) => Promise<void>,
    private readonly logger: Logger,
  ) {
    // PUBLISH/SUBSCRIBE channels are not keys: ioredis does not prefix them.
    this.channel = `${config.redisKeyPrefix}:live:${name}`;
  }

  async start(): Promise<void> {
    this.subscriber = new Redis(this.config.redisUrl);
    this.subscriber.on('message', (_channel: string, ticketId: string) => {
      this.handle(ticketId).catch((error: Error) => this.logger.warn(`${this.channel}: ${error.message}`));
    });
    await this.subscriber.subscribe(this.channel);
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async announce(ticketId: string): Promise<void> {
    await this.publisher.publish(this.channel, ticketId);
  }
}
