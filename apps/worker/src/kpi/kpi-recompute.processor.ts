import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { KpiOutbox } from '@ledgerdesk/kpi';
import { QueueName } from '@ledgerdesk/shared';
import { Job } from 'bullmq';
import { KPI_RECOMPUTE_CONCURRENCY, KpiOutboxRelay, KpiRecomputeJob } from './kpi-outbox.relay';

/**
 * Projects the tickets of a job into the KPI tables. Safe to run twice or concurrently: the
 * projection recomputes from the log and the outbox mark is cleared in the same transaction.
 */
@Processor(QueueName.KpiRecompute, { concurrency: KPI_RECOMPUTE_CONCURRENCY })
export class KpiRecomputeProcessor extends WorkerHost {
  constructor(
    private readonly outbox: KpiOutbox,
    private readonly relay: KpiOutboxRelay,
  ) {
    super();
  }

  async process(job: Job<KpiRecomputeJob>): Promise<{ projected: number }> {
    return { projected: await this.outbox.process(job.data.tickets) };
  }

  /** A slot is free: the relay hands it the marks that gathered meanwhile. */
  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.relay.drain();
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.relay.drain();
  }
}
