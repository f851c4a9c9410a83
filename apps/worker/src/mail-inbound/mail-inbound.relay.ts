import { Injectable, Logger } from '@nestjs/common';
import { INBOUND_BATCH_SIZE, ProcessInboundMailUseCase } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { OutboxRelay } from '../outbox/outbox-relay';

/** Lanes filed at the same time: parsing one batch overlaps the database work of the others. */
const CONCURRENT_LANES = 4;
/**
 * A lane is filed once its oldest message has waited this long (or it holds half a batch): under
 * a steady stream, filing every notification would make batches of one or two messages, each
 * paying a transaction's fixed statements.
 */
const GATHER_MS = 100;

/**
 * Files stored inbound mail: woken by `mail_inbound` (notified when raw mail is stored) and by
 * the one-second sweep (retries whose backoff ran out, a missed notification). Each ready lane is
 * drained batch by batch while batches come back full; a lane another worker holds is skipped.
 */
@Injectable()
export class MailInboundRelay extends OutboxRelay {
  protected readonly logger = new Logger(MailInboundRelay.name);
  private gathering?: NodeJS.Timeout;

  constructor(
    private readonly inbound: ProcessInboundMailUseCase,
    config: AppConfig,
  ) {
    super('mail_inbound', config.databaseUrl);
  }

  override async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.gathering);
    await super.onApplicationShutdown();
  }

  protected async drainOnce(): Promise<void> {
    const lanes = await this.inbound.lanesWithWork();
    const ready = lanes.filter(
      (lane) => lane.waitedMs >= GATHER_MS || lane.waiting >= INBOUND_BATCH_SIZE / 2,
    );
    const soonest = Math.min(...lanes.filter((lane) => !ready.includes(lane)).map((lane) => lane.waitedMs));
    if (Number.isFinite(soonest)) {
      clearTimeout(this.gathering);
      this.gathering = setTimeout(() => this.drain(), Math.max(1, GATHER_MS - soonest));
    }
    let next = 0;
    const drainLanes = async (): Promise<void> => {
      while (next < ready.length) {
        const { lane } = ready[next++];
        while ((await this.inbound.processLane(lane)) === INBOUND_BATCH_SIZE);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_LANES, ready.length) }, drainLanes));
  }
}
