import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long a queued row may sit with a job that never ran before the sweep enqueues it again. */
const STALE_ENQUEUE = '10 minutes';

export interface ClaimedMail {
  id: string;
  enqueuedAt: string;
}

/**
 * The outbound mail outbox: queued `mail_messages` rows not yet handed to BullMQ (or handed over
 * so long ago that the job must have been lost). Claiming stamps `enqueued_at`. A reply on a web
 * chat waits `chatReplyDelaySeconds` first: the customer may read it in the chat, which then
 * marks it not to be sent (ChatGateway, `chat.seen`).
 */
@Injectable()
export class OutboundMailOutbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(limit: number, chatReplyDelaySeconds = 0): Promise<ClaimedMail[]> {
    const rows = await this.dataSource.query<{ id: string; enqueued_at: Date }[]>(
      `WITH claimed AS (
         SELECT id FROM mail_messages
          WHERE direction = 'outbound' AND status = 'queued'
            AND (enqueued_at IS NULL OR enqueued_at < now() - interval '${STALE_ENQUEUE}')
            AND NOT (outbound_kind = 'reply' AND received_at > now() - make_interval(secs => $2)
                     AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = mail_messages.ticket_id AND t.channel = 'chat'))
          ORDER BY received_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       , stamped AS (
         UPDATE mail_messages m SET enqueued_at = clock_timestamp()
           FROM claimed WHERE m.id = claimed.id
         RETURNING m.id, m.enqueued_at)
       SELECT id, enqueued_at FROM stamped`,
      [limit, chatReplyDelaySeconds],
    );
    return rows.map((row) => ({ id: row.id, enqueuedAt: row.enqueued_at.toISOString() }));
  }

  async release(claims: ClaimedMail[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_messages SET enqueued_at = NULL WHERE id = ANY($1::uuid[]) AND status = 'queued'`,
      [claims.map((claim) => claim.id)],
    );
  }
}
