import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@ledgerdesk/shared';
import { EndIdleWorkSessionsUseCase } from '@ledgerdesk/tickets';
import { Queue } from 'bullmq';
import { scheduleSweep } from '../schedule-sweep';

const SWEEP_EVERY_MS = 30_000;

/**
 * Every 30 seconds, ends work sessions whose heartbeats stopped. The schedule is shared by all
 * workers (one Redis key), so each worker also sweeps once when it boots: a worker started after
 * a long outage does not leave sessions open until the next tick.
 */
@Processor(QueueName.WorkSessions)
export class WorkSessionsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly endIdleSessions: EndIdleWorkSessionsUseCase,
    @InjectQueue(QueueName.WorkSessions) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleSweep(this.queue, 'end-idle-work-sessions', SWEEP_EVERY_MS);
  }

  async process(): Promise<{ ended: number }> {
    return { ended: await this.endIdleSessions.execute() };
  }
}
