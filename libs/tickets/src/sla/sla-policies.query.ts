import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Priority, SlaClock } from '@ledgerdesk/contracts';
import { SlaPolicyChangeView, SlaPolicyView } from './sla-policy.dto';

interface PolicyRow {
  priority: Priority;
  first_response_minutes: number;
  resolution_minutes: number;
  clock: SlaClock;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

interface ChangeRow {
  id: string;
  priority: Priority;
  first_response_minutes: number;
  resolution_minutes: number;
  previous_first_response_minutes: number;
  previous_resolution_minutes: number;
  clock: SlaClock;
  previous_clock: SlaClock;
  retimed_tickets: number;
  changed_by: string;
  changed_by_name: string;
  changed_at: Date;
}

const PRIORITY_ORDER = `array_position(ARRAY['urgent','high','normal','low'], p.priority)`;

/** Reads SLA policies (most urgent first) and their change log (newest first). */
@Injectable()
export class SlaPoliciesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(manager: EntityManager = this.dataSource.manager, priority?: Priority): Promise<SlaPolicyView[]> {
    const rows: PolicyRow[] = await manager.query(
      `SELECT p.priority, p.first_response_minutes, p.resolution_minutes, p.clock, p.updated_at,
              p.updated_by, a.name AS updated_by_name
         FROM sla_policies p LEFT JOIN agents a ON a.id = p.updated_by
        WHERE $1::text IS NULL OR p.priority = $1
        ORDER BY ${PRIORITY_ORDER}`,
      [priority ?? null],
    );
    return rows.map((row) => ({
      priority: row.priority,
      firstResponseMinutes: row.first_response_minutes,
      resolutionMinutes: row.resolution_minutes,
      clock: row.clock,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    }));
  }

  async changes(limit = 100): Promise<SlaPolicyChangeView[]> {
    const rows: ChangeRow[] = await this.dataSource.query(
      `SELECT c.id, c.priority, c.first_response_minutes, c.resolution_minutes,
              c.previous_first_response_minutes, c.previous_resolution_minutes, c.clock, c.previous_clock,
              c.retimed_tickets,
              c.changed_by, a.name AS changed_by_name, c.changed_at
         FROM sla_policy_changes c JOIN agents a ON a.id = c.changed_by
        ORDER BY c.changed_at DESC, c.id DESC
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      priority: row.priority,
      firstResponseMinutes: row.first_response_minutes,
      resolutionMinutes: row.resolution_minutes,
      previousFirstResponseMinutes: row.previous_first_response_minutes,
      previousResolutionMinutes: row.previous_resolution_minutes,
      clock: row.clock,
      previousClock: row.previous_clock,
      retimedTickets: row.retimed_tickets,
      changedBy: { id: row.changed_by, name: row.changed_by_name },
      changedAt: row.changed_at,
    }));
  }
}
