import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  InboundMailJob,
  InboundMailOutcome,
  ProcessInboundMailUseCase,
  StoreInboundMailUseCase,
} from '@ledgerdesk/mail';
import { QueueName } from '@ledgerdesk/shared';
import { Job } from 'bullmq';

const REQUEUE_EVERY_MS = 60_000;

/**
 * Parses stored inbound mail into tickets (retried with backoff by the queue). Once a minute it
 * re-queues stored messages whose job never made it to Redis.
 */
@Processor(QueueName.MailInbound, { concurrency: 24 })
export class MailInboundProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MailInboundProcessor.name);
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly processMail: ProcessInboundMailUseCase,
    private readonly storeMail: StoreInboundMailUseCase,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.sweep = setInterval(
      () => void this.storeMail.requeueReceived().catch(() => undefined),
      REQUEUE_EVERY_MS,
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  async process(job: Job<InboundMailJob>): Promise<InboundMailOutcome> {
    return this.processMail.execute(job.data.mailMessageId);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<InboundMailJob> | undefined, error: Error): void {
    this.logger.warn(
      `mail ${job?.data.mailMessageId ?? '?'}: attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`,
    );
  }
}
