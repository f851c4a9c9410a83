import { Processor, WorkerHost } from '@nestjs/bullmq';
import { KpiOutbox } from '@ledgerdesk/kpi';
import { QueueName } from '@ledgerdesk/shared';
import { Job } from 'bullmq';
import { KpiRecomputeJob } from './kpi-outbox.relay';

/**
 * Projects the tickets of a job into the KPI tables. Safe to run twice or concurrently: the
 * projection recomputes from the log and the outbox mark is cleared in the same transaction.
 */
@Processor(QueueName.KpiRecompute, { concurrency: 2 })
export class KpiRecomputeProcessor extends WorkerHost {
  constructor(private readonly outbox: KpiOutbox) {
    super();
  }

  async process(job: Job<KpiRecomputeJob>): Promise<{ projected: number }> {
    return { projected: await this.outbox.process(job.data.tickets) };
  }
}
