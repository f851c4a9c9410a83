import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueName } from '@ledgerdesk/shared';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

export interface InboundMailJob {
  mailMessageId: string;
}

export interface RawInboundMail {
  source: 'smtp' | 'imap';
  raw: Buffer;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

/**
 * The first step of every inbound message: the raw MIME is stored (status `received`) before
 * anything parses it, so nothing is lost when parsing fails; then a `mail-inbound` job is queued.
 * A row whose job could not be queued is picked up by `requeueReceived`.
 */
@Injectable()
export class StoreInboundMailUseCase {
  private readonly logger = new Logger(StoreInboundMailUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.MailInbound) private readonly queue: Queue<InboundMailJob>,
  ) {}

  async execute(mail: RawInboundMail): Promise<string> {
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO mail_messages (direction, source, raw, size_bytes, envelope_from, envelope_to, status)
       VALUES ('inbound', $1, $2, $3, $4, $5, 'received') RETURNING id`,
      [mail.source, mail.raw, mail.raw.length, mail.envelopeFrom, mail.envelopeTo],
    );
    await this.enqueue([id]).catch((error: Error) =>
      this.logger.warn(`mail ${id} stored but not queued (${error.message}); the sweep will queue it`),
    );
    return id;
  }

  /** Queues every stored message still waiting for its parse (after a crash or a Redis outage). */
  async requeueReceived(olderThanSeconds = 60): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM mail_messages
        WHERE direction = 'inbound' AND status = 'received' AND received_at < now() - make_interval(secs => $1)
        ORDER BY received_at LIMIT 1000`,
      [olderThanSeconds],
    );
    await this.enqueue(rows.map((row) => row.id));
    return rows.length;
  }

  private async enqueue(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue.addBulk(
      ids.map((id) => ({ name: 'parse', data: { mailMessageId: id }, opts: { jobId: `mail-${id}` } })),
    );
  }
}
