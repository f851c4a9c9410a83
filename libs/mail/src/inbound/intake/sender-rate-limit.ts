import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';

/** Counts messages per sender in a fixed window (Redis); over the limit, SMTP answers 450. */
@Injectable()
export class SenderRateLimit {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Records one message from `sender`; false when the sender is over its limit. */
  async admit(sender: string): Promise<boolean> {
    const key = `mail-rate:${sender.trim().toLowerCase() || '<>'}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, this.config.mailSenderRateWindowSeconds, 'NX')
      .exec()) as [[Error | null, number]];
    return count <= this.config.mailSenderRateLimit;
  }
}
