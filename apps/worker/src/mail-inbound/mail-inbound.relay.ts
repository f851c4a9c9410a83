import { Injectable, Logger } from '@nestjs/common';
import { INBOUND_BATCH_SIZE, ProcessInboundMailUseCase } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { OutboxRelay } from '../outbox/outbox-relay';

/** Lanes filed at the same time: parsing one batch overlaps the database work of the others. */
const CONCURRENT_LANES = 4;

/**
 * Files stored inbound mail: woken by `mail_inbound` (notified when raw mail is stored) and by
 * the one-second sweep (retries whose backoff ran out, a missed notification). Each lane is
 * drained batch by batch until it is empty; a lane another worker holds is skipped.
 */
@Injectable()
export class MailInboundRelay extends OutboxRelay {
  protected readonly logger = new Logger(MailInboundRelay.name);

  constructor(
    private readonly inbound: ProcessInboundMailUseCase,
    config: AppConfig,
  ) {
    super('mail_inbound', config.databaseUrl);
  }

  protected async drainOnce(): Promise<void> {
    const lanes = await this.inbound.lanesWithWork();
    let next = 0;
    const drainLanes = async (): Promise<void> => {
      while (next < lanes.length) {
        const lane = lanes[next++];
        while ((await this.inbound.processLane(lane)) === INBOUND_BATCH_SIZE);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_LANES, lanes.length) }, drainLanes));
  }
}
