import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { WEEKDAYS } from '@ledgerdesk/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessHoursQuery } from './business-hours.query';
import { HolidayDto, UpdateBusinessHoursDto, UpdatedBusinessHoursView } from './business-hours.dto';
import { normalisedOpeningHours, openingHoursProblems } from './opening-hours';
import { retimeRunningTargets } from './retime-running-targets';

type ScheduleChange = 'hours' | 'holiday_added' | 'holiday_renamed' | 'holiday_removed';

/**
 * Changes the desk's business hours or holidays, each in one transaction: the schedule, the
 * running targets of every unresolved ticket under a business-hours policy (re-timed from
 * creation), a `business_schedule_changes` row naming who and what, and a live notification.
 * The schedule row is locked for update first, so changes queue behind each other and behind a
 * policy switching to business hours (which checks that the desk opens at all).
 */
@Injectable()
export class ChangeBusinessHoursUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: BusinessHoursQuery,
  ) {}

  async setHours(
    command: UpdateBusinessHoursDto,
    agent: AuthenticatedAgent,
  ): Promise<UpdatedBusinessHoursView> {
    const problems = openingHoursProblems(command.hours);
    if (problems.length > 0) {
      throw new BadRequestException({
        message: problems.map((problem) => `${problem.field} ${problem.problems.join(', ')}`).join('; '),
        details: problems,
      });
    }
    const hours = normalisedOpeningHours(command.hours);
    return this.change(agent, async (manager) => {
      const timeZone = await canonicalTimeZone(manager, command.timeZone);
      if (hours.length === 0) await assertNoBusinessPolicy(manager);
      const [{ time_zone: currentZone }] = await manager.query<{ time_zone: string }[]>(
        `SELECT time_zone FROM business_schedule`,
      );
      const before = { timeZone: currentZone, hours: await this.query.hours(manager) };
      const after = { timeZone, hours };
      if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
      await manager.query(`UPDATE business_schedule SET time_zone = $1`, [timeZone]);
      await manager.query(`DELETE FROM business_hours`);
      await manager.query(
        `INSERT INTO business_hours (weekday, opens, closes)
         SELECT * FROM unnest($1::smallint[], $2::time[], $3::time[])`,
        [
          hours.map((interval) => WEEKDAYS.indexOf(interval.day) + 1),
          hours.map((interval) => interval.opens),
          hours.map((interval) => interval.closes),
        ],
      );
      return { change: 'hours', before, after };
    });
  }

  /** Adds a holiday, or renames one (a rename moves no due time). */
  async setHoliday(
    day: string,
    command: HolidayDto,
    agent: AuthenticatedAgent,
  ): Promise<UpdatedBusinessHoursView> {
    const name = command.name.trim();
    assertCalendarDay(day);
    return this.change(agent, async (manager) => {
      const [existing] = await manager.query<{ name: string }[]>(
        `SELECT name FROM business_holidays WHERE day = $1`,
        [day],
      );
      if (existing?.name === name) return undefined;
      await manager.query(
        `INSERT INTO business_holidays (day, name) VALUES ($1, $2)
         ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name`,
        [day, name],
      );
      return existing
        ? {
            change: 'holiday_renamed',
            before: { day, name: existing.name },
            after: { day, name },
            retime: false,
          }
        : { change: 'holiday_added', before: null, after: { day, name } };
    });
  }

  async removeHoliday(day: string, agent: AuthenticatedAgent): Promise<UpdatedBusinessHoursView> {
    assertCalendarDay(day);
    return this.change(agent, async (manager) => {
      const removed = await manager.query<{ name: string }[]>(
        `WITH removed AS (DELETE FROM business_holidays WHERE day = $1 RETURNING name) SELECT name FROM removed`,
        [day],
      );
      if (removed.length === 0) throw new NotFoundException(`No holiday on ${day}`);
      return { change: 'holiday_removed', before: { day, name: removed[0].name }, after: null };
    });
  }

  /**
   * Runs one change of the schedule: `apply` writes it and says what it was (undefined: nothing
   * changed, nothing is re-timed or logged).
   */
  private change(
    agent: AuthenticatedAgent,
    apply: (
      manager: EntityManager,
    ) => Promise<{ change: ScheduleChange; before: unknown; after: unknown; retime?: boolean } | undefined>,
  ): Promise<UpdatedBusinessHoursView> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM business_schedule FOR UPDATE`);
      const changed = await apply(manager);
      let retimedTickets = 0;
      if (changed) {
        if (changed.retime !== false)
          retimedTickets = await retimeRunningTargets(manager, { clock: 'business' });
        await manager.query(`UPDATE business_schedule SET updated_at = now(), updated_by = $1`, [agent.id]);
        await manager.query(
          `INSERT INTO business_schedule_changes (change, before, after, retimed_tickets, changed_by)
           VALUES ($1, $2::jsonb, $3::jsonb, $4, $5)`,
          [
            changed.change,
            JSON.stringify(changed.before),
            JSON.stringify(changed.after),
            retimedTickets,
            agent.id,
          ],
        );
      }
      return { ...(await this.query.schedule(manager)), retimedTickets };
    });
  }
}

function assertCalendarDay(day: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const valid = match !== null && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (!valid) {
    throw new BadRequestException({
      message: `day must be a date like 2026-12-25, not ${JSON.stringify(day)}`,
      details: [{ field: 'day', problems: ['must be a date like 2026-12-25'] }],
    });
  }
}

/** The IANA name as PostgreSQL spells it (`europe/berlin` → `Europe/Berlin`); 400 when it knows none. */
async function canonicalTimeZone(manager: EntityManager, timeZone: string): Promise<string> {
  const [known] = await manager.query<{ name: string }[]>(
    `SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) ORDER BY name = $1 DESC LIMIT 1`,
    [timeZone.trim()],
  );
  if (!known) {
    throw new BadRequestException({
      message: `timeZone ${JSON.stringify(timeZone)} is not a time zone (use an IANA name like Europe/Berlin)`,
      details: [{ field: 'timeZone', problems: ['must be an IANA time zone like Europe/Berlin'] }],
    });
  }
  return known.name;
}

async function assertNoBusinessPolicy(manager: EntityManager): Promise<void> {
  const policies = await manager.query<{ priority: string }[]>(
    `SELECT priority FROM sla_policies WHERE clock = 'business' ORDER BY priority`,
  );
  if (policies.length > 0) {
    const names = policies.map((policy) => policy.priority).join(', ');
    const which = policies.length === 1 ? `the ${names} SLA policy uses` : `the ${names} SLA policies use`;
    throw new UnprocessableEntityException({
      message: `hours must not be empty while ${which} business hours: switch ${policies.length === 1 ? 'it' : 'them'} to calendar time first`,
      details: [{ field: 'hours', problems: [`${which} business hours`] }],
    });
  }
}
