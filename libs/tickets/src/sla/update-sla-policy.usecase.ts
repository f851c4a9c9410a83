import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource, EntityManager } from 'typeorm';
import { Priority, SlaClock } from '@ledgerdesk/contracts';
import { retimeRunningTargets } from './retime-running-targets';
import { SlaPoliciesQuery } from './sla-policies.query';
import { UpdatedSlaPolicyView, UpdateSlaPolicyDto } from './sla-policy.dto';

/**
 * Changes a priority's targets or clock, in one transaction: the policy, the running targets of
 * the unresolved tickets of that priority (re-timed from their creation; achieved targets keep
 * the due time they were measured against), and a `sla_policy_changes` row naming who and when.
 * Business hours are refused while the desk's schedule has no opening hour.
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
      const [current] = await manager.query<
        { first_response_minutes: number; resolution_minutes: number; clock: SlaClock }[]
      >(
        `SELECT first_response_minutes, resolution_minutes, clock FROM sla_policies WHERE priority = $1 FOR UPDATE`,
        [priority],
      );
      const clock = command.clock ?? current.clock;
      if (clock === 'business' && current.clock !== 'business') await assertDeskHasOpeningHours(manager);
      let retimedTickets = 0;
      if (
        current.first_response_minutes !== command.firstResponseMinutes ||
        current.resolution_minutes !== command.resolutionMinutes ||
        current.clock !== clock
      ) {
        await manager.query(
          `UPDATE sla_policies
              SET first_response_minutes = $2, resolution_minutes = $3, clock = $4, updated_at = now(), updated_by = $5
            WHERE priority = $1`,
          [priority, command.firstResponseMinutes, command.resolutionMinutes, clock, agent.id],
        );
        retimedTickets = await retimeRunningTargets(manager, { priority });
        await manager.query(
          `INSERT INTO sla_policy_changes (priority, first_response_minutes, resolution_minutes, clock,
                  previous_first_response_minutes, previous_resolution_minutes, previous_clock, retimed_tickets,
                  changed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            priority,
            command.firstResponseMinutes,
            command.resolutionMinutes,
            clock,
            current.first_response_minutes,
            current.resolution_minutes,
            current.clock,
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

/**
 * A business-hours target on a desk that never opens would never fall due. The schedule row is
 * locked first: a concurrent change of the hours (which locks it for update) commits before or
 * after this check, never in between.
 */
async function assertDeskHasOpeningHours(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT 1 FROM business_schedule FOR SHARE`);
  const [{ open }] = await manager.query<{ open: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM business_hours) AS open`,
  );
  if (!open) {
    throw new UnprocessableEntityException({
      message: 'clock business needs opening hours: set the business hours first',
      details: [{ field: 'clock', problems: ['the desk has no opening hours'] }],
    });
  }
}
