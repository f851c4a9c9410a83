import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { CUSTOMER_PRESENCE_EVENT, CustomerPresenceMessage } from '@ledgerdesk/contracts';
import { InstanceBroadcast } from '../sockets/instance-broadcast';
import { LiveInstance } from '../sockets/live-instance';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSockets } from '../sockets/live-sockets';

const PRESENCE_TTL_MS = 24 * 3600_000;
const presenceKey = (ticketId: string): string => `live:chat-customers:${ticketId}`;

/**
 * Whether a customer has a ticket's chat open, across every api instance: one Redis hash per
 * ticket of the open chat sockets (`<instance>/<socket>`, see LiveInstance), and a Redis channel
 * that tells every instance to push `ticket.customer` to the agents watching the ticket.
 */
@Injectable()
export class CustomerPresence implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CustomerPresence.name);
  private readonly broadcast: InstanceBroadcast;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly instance: LiveInstance,
    private readonly sockets: LiveSockets,
    config: AppConfig,
  ) {
    this.broadcast = new InstanceBroadcast(
      config,
      redis,
      'chat-customers',
      (ticketId) => this.pushTo(ticketId),
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.broadcast.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.broadcast.stop();
  }

  async joined(ticketId: string, socketId: string): Promise<void> {
    await this.redis
      .multi()
      .hset(presenceKey(ticketId), this.instance.field(socketId), new Date().toISOString())
      .pexpire(presenceKey(ticketId), PRESENCE_TTL_MS)
      .exec();
    await this.broadcast.announce(ticketId);
  }

  async left(ticketId: string, socketId: string): Promise<void> {
    await this.redis.hdel(presenceKey(ticketId), this.instance.field(socketId));
    await this.broadcast.announce(ticketId);
  }

  async inChat(ticketId: string): Promise<boolean> {
    const fields = await this.redis.hkeys(presenceKey(ticketId));
    if (fields.length === 0) return false;
    const dead = await this.instance.deadFields(fields);
    if (dead.length > 0) await this.redis.hdel(presenceKey(ticketId), ...dead);
    return fields.length > dead.length;
  }

  private async pushTo(ticketId: string): Promise<void> {
    const room = liveRooms.ticket(ticketId);
    if (!this.sockets.hasSocketsIn(room)) return;
    const message: CustomerPresenceMessage = { ticketId, inChat: await this.inChat(ticketId) };
    this.sockets.emit(room, CUSTOMER_PRESENCE_EVENT, message);
  }
}
