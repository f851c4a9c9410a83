import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ClaimedSurvey {
  id: string;
  solvedAt: string;
  scheduledAt: string;
}

/**
 * Surveys waiting for their delayed job: `pending` rows (new solves), and `scheduled` ones whose
 * due time passed ten minutes ago without the job running (a lost Redis job).
 */
@Injectable()
export class CsatSurveyOutbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(limit: number, delaySeconds: number): Promise<ClaimedSurvey[]> {
    const rows = await this.dataSource.query<{ id: string; solved_at: Date; scheduled_at: Date }[]>(
      `WITH claimed AS (
         SELECT id FROM csat_surveys
          WHERE status = 'pending'
             OR (status = 'scheduled'
                 AND solved_at + make_interval(secs => $2::int) < now() - interval '10 minutes'
                 AND scheduled_at < now() - interval '10 minutes')
          ORDER BY solved_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       , stamped AS (
         UPDATE csat_surveys s SET status = 'scheduled', scheduled_at = clock_timestamp()
           FROM claimed WHERE s.id = claimed.id
         RETURNING s.id, s.solved_at, s.scheduled_at)
       SELECT id, solved_at, scheduled_at FROM stamped`,
      [limit, delaySeconds],
    );
    return rows.map((row) => ({
      id: row.id,
      solvedAt: row.solved_at.toISOString(),
      scheduledAt: row.scheduled_at.toISOString(),
    }));
  }

  async release(claims: ClaimedSurvey[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE csat_surveys SET status = 'pending', scheduled_at = NULL WHERE id = ANY($1::uuid[]) AND status = 'scheduled'`,
      [claims.map((claim) => claim.id)],
    );
  }
}
