import { InjectQueue, Processor } from '@nestjs/bullmq';
import { QueueName } from '@ledgerdesk/shared';
import { ProjectAbandonedImportsUseCase } from '@ledgerdesk/tickets';
import { Queue } from 'bullmq';
import { SweepProcessor } from '../schedule-sweep';

/**
 * Every minute, projects the tickets that a history import which died left marked. The schedule
 * is shared by all workers (one Redis key); each worker also sweeps once when it boots.
 */
@Processor(QueueName.ImportProjections)
export class AbandonedImportsProcessor extends SweepProcessor {
  constructor(
    private readonly projectAbandoned: ProjectAbandonedImportsUseCase,
    @InjectQueue(QueueName.ImportProjections) queue: Queue,
  ) {
    super(queue, 'project-abandoned-imports', 60_000);
  }

  async process(): Promise<{ projected: number }> {
    return { projected: await this.projectAbandoned.execute() };
  }
}
