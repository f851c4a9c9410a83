import { BadRequestException, HttpException, Injectable, Logger } from '@nestjs/common';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { BulkTicketChangesDto } from './bulk-update-tickets.dto';
import { UpdateTicketUseCase } from './update-ticket.usecase';

/** What became of one ticket of a bulk update: `200`, or the status and message a PATCH would answer. */
export interface BulkTicketOutcome {
  ticketId: string;
  status: number;
  error?: string;
}

export interface BulkUpdateResult {
  updated: number;
  failed: number;
  results: BulkTicketOutcome[];
}

/**
 * The same change on many tickets (a supervisor triaging a queue: assign, set the status, move to
 * a team). Each ticket goes through the PATCH use case in a transaction of its own — the same
 * rules, access checks and events as one by one — so one ticket that refuses (closed, not
 * visible, a status it cannot take) refuses alone and the others change; each ticket's outcome
 * is reported. Ids given twice count once.
 */
@Injectable()
export class BulkUpdateTicketsUseCase {
  private readonly logger = new Logger(BulkUpdateTicketsUseCase.name);

  constructor(private readonly updateTicket: UpdateTicketUseCase) {}

  async execute(
    ticketIds: readonly string[],
    changes: BulkTicketChangesDto,
    agent: AuthenticatedAgent,
  ): Promise<BulkUpdateResult> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new BadRequestException({
        message: 'Nothing to change: give status, priority, category, assigneeId or teamId',
        details: [{ field: 'changes', problems: ['give at least one change'] }],
      });
    }
    const results: BulkTicketOutcome[] = [];
    for (const ticketId of new Set(ticketIds.map((id) => id.toLowerCase()))) {
      results.push(await this.updateOne(ticketId, changes, agent));
    }
    const updated = results.filter((result) => result.status === 200).length;
    return { updated, failed: results.length - updated, results };
  }

  private async updateOne(
    ticketId: string,
    changes: BulkTicketChangesDto,
    agent: AuthenticatedAgent,
  ): Promise<BulkTicketOutcome> {
    try {
      await this.updateTicket.execute(ticketId, changes, agent);
      return { ticketId, status: 200 };
    } catch (error) {
      if (error instanceof HttpException)
        return { ticketId, status: error.getStatus(), error: error.message };
      this.logger.error(`bulk update of ticket ${ticketId} failed: ${(error as Error).message}`);
      return { ticketId, status: 500, error: 'The ticket could not be changed (server error)' };
    }
  }
}
