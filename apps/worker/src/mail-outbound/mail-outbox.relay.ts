import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { OutboundMailOutbox } from '@ledgerdesk/mail';
import { AppConfig, QueueName } from '@ledgerdesk/shared';
import { Queue } from 'bullmq';
import { OutboxRelay } from '../outbox/outbox-relay';

const CLAIM_BATCH = 200;

export interface SendMailJob {
  mailId: string;
}

/** Hands queued outbound `mail_messages` rows to the `mail-outbound` queue. */
@Injectable()
export class MailOutboxRelay extends OutboxRelay {
  protected readonly logger = new Logger(MailOutboxRelay.name);

  constructor(
    private readonly outbox: OutboundMailOutbox,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.MailOutbound) private readonly queue: Queue<SendMailJob>,
  ) {
    super('mail_outbound', config.databaseUrl);
  }

  protected async drainOnce(): Promise<void> {
    for (;;) {
      const claims = await this.outbox.claim(CLAIM_BATCH, this.config.chatReplyMailDelaySeconds);
      if (claims.length === 0) return;
      try {
        await this.queue.addBulk(
          claims.map((claim) => ({
            name: 'send',
            data: { mailId: claim.id },
            // One job per claim: a re-claimed (stale) row gets a fresh job, a duplicate notify does not.
            opts: { jobId: `${claim.id}-${Date.parse(claim.enqueuedAt)}` },
          })),
        );
      } catch (error) {
        await this.outbox.release(claims);
        throw error;
      }
      if (claims.length < CLAIM_BATCH) return;
    }
  }
}
