import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OpeningHours, WEEKDAYS } from '@ledgerdesk/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessHoursView, BusinessScheduleChangeView } from './business-hours.dto';

/** `09:00:00` → `09:00` (PostgreSQL writes midnight at the end of the day as `24:00:00`). */
export const clockTime = (time: string): string => time.slice(0, 5);

/** Reads the desk's business hours, holidays and their change log. */
@Injectable()
export class BusinessHoursQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async schedule(manager: EntityManager = this.dataSource.manager): Promise<BusinessHoursView> {
    const [schedule] = await manager.query<
      { time_zone: string; updated_at: Date; updated_by: string | null; updated_by_name: string | null }[]
    >(
      `SELECT s.time_zone, s.updated_at, s.updated_by, a.name AS updated_by_name
         FROM business_schedule s LEFT JOIN agents a ON a.id = s.updated_by`,
    );
    const holidays = await manager.query<{ day: string; name: string }[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, name FROM business_holidays ORDER BY day`,
    );
    return {
      timeZone: schedule.time_zone,
      hours: await this.hours(manager),
      holidays,
      updatedAt: schedule.updated_at,
      updatedBy: schedule.updated_by
        ? { id: schedule.updated_by, name: schedule.updated_by_name ?? '' }
        : null,
    };
  }

  async hours(manager: EntityManager = this.dataSource.manager): Promise<OpeningHours[]> {
    const rows = await manager.query<{ weekday: number; opens: string; closes: string }[]>(
      `SELECT weekday, opens::text, closes::text FROM business_hours ORDER BY weekday, opens`,
    );
    return rows.map((row) => ({
      day: WEEKDAYS[row.weekday - 1],
      opens: clockTime(row.opens),
      closes: clockTime(row.closes),
    }));
  }

  async changes(limit = 100): Promise<BusinessScheduleChangeView[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        change: BusinessScheduleChangeView['change'];
        before: unknown;
        after: unknown;
        retimed_tickets: number;
        changed_by: string;
        changed_by_name: string;
        changed_at: Date;
      }[]
    >(
      `SELECT c.id, c.change, c.before, c.after, c.retimed_tickets, c.changed_by, a.name AS changed_by_name,
              c.changed_at
         FROM business_schedule_changes c JOIN agents a ON a.id = c.changed_by
        ORDER BY c.changed_at DESC, c.id DESC
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      change: row.change,
      before: row.before,
      after: row.after,
      retimedTickets: row.retimed_tickets,
      changedBy: { id: row.changed_by, name: row.changed_by_name },
      changedAt: row.changed_at,
    }));
  }
}
