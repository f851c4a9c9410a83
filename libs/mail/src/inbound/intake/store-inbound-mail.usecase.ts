import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SmtpClient } from '../authentication/sender-authenticator';
import { inboundLane, rawFromAddress } from './inbound-lane';

export interface RawInboundMail {
  source: 'smtp' | 'imap';
  raw: Buffer;
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** The SMTP client that handed it over (not known for mail fetched over IMAP). */
  client?: SmtpClient;
}

interface Waiting {
  mail: RawInboundMail;
  resolve: (id: string) => void;
  reject: (error: Error) => void;
}

/** One INSERT carries at most this many messages, or about this many bytes. */
const MAX_ROWS = 500;
const MAX_BYTES = 32 * 1024 * 1024;
const COLUMNS = 8;

/**
 * The first step of every inbound message: the raw MIME is stored (status `received`), with the
 * SMTP client that handed it over for the sender checks of its filing, before anything parses it, so nothing is lost when parsing fails; the SMTP listener answers 250 only
 * once the row is committed. Messages that arrive while a write is in flight are stored together
 * by the next one (group commit: one INSERT and one fsync for many messages). The insert
 * notifies `mail_inbound`, which wakes the worker's processing.
 */
@Injectable()
export class StoreInboundMailUseCase {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(mail: RawInboundMail): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ mail, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          const ids = await this.insert(batch.map((entry) => entry.mail));
          batch.forEach((entry, index) => entry.resolve(ids[index]));
        } catch (error) {
          for (const entry of batch) entry.reject(error as Error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private take(): Waiting[] {
    let bytes = 0;
    let count = 0;
    while (count < this.waiting.length && count < MAX_ROWS && (count === 0 || bytes < MAX_BYTES)) {
      bytes += this.waiting[count].mail.raw.length;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async insert(mails: RawInboundMail[]): Promise<string[]> {
    const ids = mails.map(() => randomUUID());
    const values: unknown[] = [];
    const rows = mails.map((mail, index) => {
      const sender = rawFromAddress(mail.raw) ?? mail.envelopeFrom?.toLowerCase() ?? '';
      values.push(
        ids[index],
        mail.source,
        mail.raw,
        mail.envelopeFrom,
        mail.envelopeTo,
        inboundLane(sender),
        mail.client?.ip ?? null,
        mail.client?.helo ?? null,
      );
      const at = index * COLUMNS;
      return `($${at + 1}::uuid, $${at + 2}, $${at + 3}::bytea, $${at + 4}, $${at + 5}::text[], $${at + 6}::smallint, $${at + 7}, $${at + 8})`;
    });
    await this.dataSource.query(
      `INSERT INTO mail_messages (id, source, raw, envelope_from, envelope_to, lane, smtp_client_ip, smtp_helo,
                                  direction, status, size_bytes)
       SELECT id, source, raw, envelope_from, envelope_to, lane, smtp_client_ip, smtp_helo, 'inbound', 'received',
              length(raw)
         FROM (VALUES ${rows.join(', ')})
              AS incoming (id, source, raw, envelope_from, envelope_to, lane, smtp_client_ip, smtp_helo)`,
      values,
    );
    return ids;
  }
}
