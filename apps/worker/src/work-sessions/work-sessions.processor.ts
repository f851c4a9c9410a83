import { InjectQueue, Processor } from '@nestjs/bullmq';
import { QueueName } from '@ledgerdesk/shared';
import { EndIdleWorkSessionsUseCase } from '@ledgerdesk/tickets';
import { Queue } from 'bullmq';
import { SweepProcessor } from '../schedule-sweep';

/**
 * Every 30 seconds, ends work sessions whose heartbeats stopped. The schedule is shared by all
 * workers (one Redis key), so each worker also sweeps once when it boots: a worker started after
 * a long outage does not leave sessions open until the next tick.
 */
@Processor(QueueName.WorkSessions)
export class WorkSessionsProcessor extends SweepProcessor {
  constructor(
    private readonly endIdleSessions: EndIdleWorkSessionsUseCase,
    @InjectQueue(QueueName.WorkSessions) queue: Queue,
  ) {
    super(queue, 'end-idle-work-sessions', 30_000);
  }

  async process(): Promise<{ ended: number }> {
    return { ended: await this.endIdleSessions.execute() };
  }
}
