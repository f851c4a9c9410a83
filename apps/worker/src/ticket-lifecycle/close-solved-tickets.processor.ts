import { InjectQueue, Processor } from '@nestjs/bullmq';
import { QueueName } from '@ledgerdesk/shared';
import { CloseSolvedTicketsUseCase } from '@ledgerdesk/tickets';
import { Queue } from 'bullmq';
import { SweepProcessor } from '../schedule-sweep';

/**
 * Every 10 minutes (and when a worker boots), closes solved tickets whose time to be reopened is
 * over (AUTO_CLOSE_SOLVED_AFTER_DAYS): the deadlines are days long, so a ticket closes at most
 * 10 minutes late.
 */
@Processor(QueueName.TicketLifecycle)
export class CloseSolvedTicketsProcessor extends SweepProcessor {
  constructor(
    private readonly closeSolvedTickets: CloseSolvedTicketsUseCase,
    @InjectQueue(QueueName.TicketLifecycle) queue: Queue,
  ) {
    super(queue, 'close-solved-tickets', 10 * 60_000);
  }

  async process(): Promise<{ closed: number }> {
    return { closed: await this.closeSolvedTickets.execute() };
  }
}
