import { Processor, WorkerHost } from '@nestjs/bullmq';
import { SendOutboundMailUseCase, SendOutcome } from '@ledgerdesk/mail';
import { QueueName } from '@ledgerdesk/shared';
import { Job } from 'bullmq';
import { SendMailJob } from './mail-outbox.relay';

/** Sends one outbound email; a failure is recorded on the row and retried with backoff. */
@Processor(QueueName.MailOutbound, { concurrency: 4 })
export class MailOutboundProcessor extends WorkerHost {
  constructor(private readonly send: SendOutboundMailUseCase) {
    super();
  }

  async process(job: Job<SendMailJob>): Promise<{ outcome: SendOutcome }> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return { outcome: await this.send.execute(job.data.mailId, { finalAttempt }) };
  }
}
