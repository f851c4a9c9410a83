import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { KpiOutbox, PendingTicket } from '@ledgerdesk/kpi';
import { AppConfig, QueueName } from '@ledgerdesk/shared';
import { Queue } from 'bullmq';
import { OutboxRelay } from '../outbox/outbox-relay';

/**
 * Most tickets a job projects. Live traffic makes small jobs anyway (a claim takes what is
 * marked); after a bulk import, big jobs spread each statement's fixed cost over more tickets:
 * on the 1M-event benchmark 250 → 1000 took end to end from 75 s to 65 s.
 */
const TICKETS_PER_JOB = 1000;
/** Jobs one worker process runs at a time. */
export const KPI_RECOMPUTE_CONCURRENCY = 2;
/**
 * Jobs waiting for a slot (all workers together) beyond which the relay leaves marks in the
 * outbox: enough that a slot never idles, however many workers run. Claiming more only queues
 * stale work — a ticket marked again while its job waits is claimed and projected again —
 * where a mark left in the outbox absorbs every later event of its ticket until it is claimed.
 * (Unbounded, a 1M-event import queued ~5 projections per ticket, and 16 minutes after the
 * import 3,500 tickets were still pending; bounded, the tables are fresh 1 s after it.)
 */
const MAX_WAITING_JOBS = KPI_RECOMPUTE_CONCURRENCY;

export interface KpiRecomputeJob {
  tickets: PendingTicket[];
}

/**
 * Moves marked tickets from the `kpi_pending` outbox into BullMQ jobs, as fast as the jobs are
 * processed. Woken by the `kpi_pending` notification the outbox trigger sends on commit, by
 * each finished job, and by a one-second sweep in case a notification was missed (reconnects,
 * another worker's crash, Redis being down).
 */
@Injectable()
export class KpiOutboxRelay extends OutboxRelay {
  protected readonly logger = new Logger(KpiOutboxRelay.name);

  constructor(
    private readonly outbox: KpiOutbox,
    config: AppConfig,
    @InjectQueue(QueueName.KpiRecompute) private readonly queue: Queue<KpiRecomputeJob>,
  ) {
    super('kpi_pending', config.databaseUrl);
  }

  protected async drainOnce(): Promise<void> {
    for (;;) {
      const waiting = await this.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed');
      if (waiting >= MAX_WAITING_JOBS) return;
      const limit = (MAX_WAITING_JOBS - waiting) * TICKETS_PER_JOB;
      const claims = await this.outbox.claim(limit);
      if (claims.length === 0) return;
      const jobs = [];
      for (let start = 0; start < claims.length; start += TICKETS_PER_JOB) {
        jobs.push({ name: 'recompute', data: { tickets: claims.slice(start, start + TICKETS_PER_JOB) } });
      }
      try {
        await this.queue.addBulk(jobs);
      } catch (error) {
        await this.outbox.release(claims);
        throw error;
      }
      if (claims.length < limit) return;
    }
  }
}
