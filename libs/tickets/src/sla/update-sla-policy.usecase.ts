import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { Priority } from '@ledgerdesk/contracts';
import { SlaPoliciesQuery } from './sla-policies.query';
import { UpdatedSlaPolicyView, UpdateSlaPolicyDto } from './sla-policy.dto';

/**
 * Changes a priority's targets, in one transaction: the policy, the running targets of the
 * unresolved tickets of that priority (re-timed from their creation; achieved targets keep the
 * due time they were measured against), and a `sla_policy_changes` row naming who and when.
 */
@Injectable()
export class UpdateSlaPolicyUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: SlaPoliciesQuery,
  ) {}

  async execute(
    priority: Priority,
    command: UpdateSlaPolicyDto,
    agent: AuthenticatedAgent,
  ): Promise<UpdatedSlaPolicyView> {
    if (command.firstResponseMinutes > command.resolutionMinutes) {
      throw new UnprocessableEntityException({
        message: 'firstResponseMinutes must not exceed resolutionMinutes',
        details: [{ field: 'firstResponseMinutes', problems: ['greater than resolutionMinutes'] }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<{ first_response_minutes: number; resolution_minutes: number }[]>(
        `SELECT first_response_minutes, resolution_minutes FROM sla_policies WHERE priority = $1 FOR UPDATE`,
        [priority],
      );
      let retimedTickets = 0;
      if (
        current.first_response_minutes !== command.firstResponseMinutes ||
        current.resolution_minutes !== command.resolutionMinutes
      ) {
        await manager.query(
          `UPDATE sla_policies
              SET first_response_minutes = $2, resolution_minutes = $3, updated_at = now(), updated_by = $4
            WHERE priority = $1`,
          [priority, command.firstResponseMinutes, command.resolutionMinutes, agent.id],
        );
        const [, affected] = await manager.query<[unknown, number]>(
          `UPDATE tickets
              SET resolution_due_at = created_at + make_interval(mins => $3),
                  first_response_due_at = CASE WHEN first_responded_at IS NULL
                                               THEN created_at + make_interval(mins => $2)
                                               ELSE first_response_due_at END
            WHERE priority = $1 AND status NOT IN ('solved', 'closed')`,
          [priority, command.firstResponseMinutes, command.resolutionMinutes],
        );
        retimedTickets = affected;
        await manager.query(
          `INSERT INTO sla_policy_changes (priority, first_response_minutes, resolution_minutes,
                  previous_first_response_minutes, previous_resolution_minutes, retimed_tickets, changed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            priority,
            command.firstResponseMinutes,
            command.resolutionMinutes,
            current.first_response_minutes,
            current.resolution_minutes,
            retimedTickets,
            agent.id,
          ],
        );
      }
      const [policy] = await this.policies.all(manager, priority);
      return { ...policy, retimedTickets };
    });
  }
}
