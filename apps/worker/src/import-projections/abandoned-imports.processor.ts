import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@ledgerdesk/shared';
import { ProjectAbandonedImportsUseCase } from '@ledgerdesk/tickets';
import { Queue } from 'bullmq';
import { scheduleSweep } from '../schedule-sweep';

const SWEEP_EVERY_MS = 60_000;

/**
 * Every minute, projects the tickets that a history import which died left marked. The schedule
 * is shared by all workers (one Redis key); each worker also sweeps once when it boots.
 */
@Processor(QueueName.ImportProjections)
export class AbandonedImportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly projectAbandoned: ProjectAbandonedImportsUseCase,
    @InjectQueue(QueueName.ImportProjections) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleSweep(this.queue, 'project-abandoned-imports', SWEEP_EVERY_MS);
  }

  async process(): Promise<{ projected: number }> {
    return { projected: await this.projectAbandoned.execute() };
  }
}
