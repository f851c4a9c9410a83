import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, escapeHtml } from '@ledgerdesk/shared';
import { formatTicketNumber, RequestLinks } from '@ledgerdesk/tickets';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DataSource } from 'typeorm';
import {
  deskMessageId,
  OutboundMailKind,
  OutboundMailStatus,
  replySubject,
  ticketToken,
} from './outbound-mail';
import { SMTP_TRANSPORT, SmtpTransport } from './smtp-transport';

const MAX_REFERENCES = 20;

interface OutboundRow {
  id: string;
  status: OutboundMailStatus;
  outbound_kind: OutboundMailKind | null;
  ticket_id: string;
  to_addresses: string[];
  subject: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  reference_ids: string[];
  body_text: string | null;
  body_html: string | null;
  ticket_number: string;
  ticket_subject: string;
  reply_text: string | null;
  reply_html: string | null;
  agent_name: string | null;
}

export type SendOutcome = 'sent' | 'already_sent' | 'not_queued' | 'missing';

/**
 * Sends one queued outbound email. The Message-ID and threading headers are fixed (stored)
 * before the first attempt, so every retry sends the same message; the exact MIME sent is kept
 * in `raw`. A failed attempt records its reason on the row (visible on the ticket) and rethrows
 * so BullMQ retries; after the last attempt the row is `failed`.
 */
@Injectable()
export class SendOutboundMailUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(SMTP_TRANSPORT) private readonly transport: SmtpTransport,
    private readonly links: RequestLinks,
  ) {}

  async execute(mailId: string, options: { finalAttempt: boolean }): Promise<SendOutcome> {
    const row = await this.load(mailId);
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already_sent';
    // `failed` waits for a retry by hand (which queues it again under a new job).
    if (row.status !== 'queued') return 'not_queued';
    const mail = await this.fixHeaders(row);
    const from = {
      name: mail.agent_name ? `${mail.agent_name} (Billing desk)` : 'Billing desk',
      address: this.config.deskEmail,
    };
    try {
      const raw = await new MailComposer({
        from,
        to: mail.to_addresses,
        subject: mail.subject ?? '',
        messageId: mail.message_id ?? undefined,
        inReplyTo: mail.in_reply_to ?? undefined,
        references: mail.reference_ids.length > 0 ? mail.reference_ids : undefined,
        ...this.body(mail),
        headers: mail.outbound_kind === 'reply' ? {} : { 'Auto-Submitted': 'auto-generated' },
      })
        .compile()
        .build();
      await this.transport.sendMail({
        envelope: { from: this.config.deskEmail, to: mail.to_addresses },
        raw,
      });
      await this.dataSource.query(
        `UPDATE mail_messages
            SET status = 'sent', sent_at = now(), last_attempt_at = now(), attempts = attempts + 1,
                status_reason = NULL, raw = $2, size_bytes = $3, from_address = $4, envelope_from = $4,
                envelope_to = to_addresses
          WHERE id = $1`,
        [mail.id, raw, raw.length, this.config.deskEmail],
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE mail_messages
            SET status = CASE WHEN $3 THEN 'failed' ELSE 'queued' END, status_reason = $2,
                attempts = attempts + 1, last_attempt_at = now()
          WHERE id = $1 AND status <> 'sent'`,
        [mail.id, reason.slice(0, 1000), options.finalAttempt],
      );
      throw error;
    }
  }

  /**
   * The email's parts. An agent's reply ends with the link to the customer's request page (its
   * status and the whole conversation); composed mail (surveys, acknowledgements) is sent as stored.
   */
  private body(mail: OutboundRow): { text: string; html: string | undefined } {
    if (mail.outbound_kind !== 'reply') {
      return { text: mail.body_text ?? '', html: mail.body_html ?? undefined };
    }
    const number = formatTicketNumber(this.config.ticketNumberPrefix, mail.ticket_number);
    const url = this.links.urlFor(mail.ticket_id);
    const footer = `Your request ${number}, with our whole conversation, is also online:`;
    return {
      // `-- ` is the signature separator: mail clients leave what follows out of a reply.
      text: `${mail.reply_text ?? ''}\n\n-- \n${footer}\n${url}`,
      html:
        `${mail.reply_html ?? `<p>${escapeHtml(mail.reply_text ?? '')}</p>`}\n` +
        `<hr><p style="color:#56606e;font-size:13px">${escapeHtml(footer)} <a href="${escapeHtml(url)}">${escapeHtml(number)}</a></p>`,
    };
  }

  private async load(mailId: string): Promise<OutboundRow | undefined> {
    const rows = await this.dataSource.query<OutboundRow[]>(
      `SELECT m.id, m.status, m.outbound_kind, m.ticket_id, m.to_addresses, m.subject, m.message_id, m.in_reply_to,
              m.reference_ids, m.body_text, m.body_html, t.number AS ticket_number, t.subject AS ticket_subject,
              tm.body_text AS reply_text, tm.body_html AS reply_html, a.name AS agent_name
         FROM mail_messages m
         JOIN tickets t ON t.id = m.ticket_id
         LEFT JOIN ticket_messages tm ON tm.id = m.ticket_message_id
         LEFT JOIN agents a ON a.id = tm.author_agent_id
        WHERE m.id = $1 AND m.direction = 'outbound'`,
      [mailId],
    );
    return rows[0];
  }

  /** Mints the Message-ID, subject and threading headers once; later attempts reuse them. */
  private async fixHeaders(row: OutboundRow): Promise<OutboundRow> {
    if (row.message_id) return row;
    const earlier = await this.dataSource.query<{ message_id: string; direction: string }[]>(
      `SELECT message_id, direction FROM mail_messages
        WHERE ticket_id = $1 AND id <> $2 AND message_id IS NOT NULL
          AND (direction = 'inbound' OR status = 'sent' OR received_at < (SELECT received_at FROM mail_messages WHERE id = $2))
        ORDER BY received_at, id`,
      [row.ticket_id, row.id],
    );
    const references = earlier.map((mail) => mail.message_id).slice(-MAX_REFERENCES);
    const lastInbound = [...earlier].reverse().find((mail) => mail.direction === 'inbound');
    const inReplyTo = lastInbound?.message_id ?? references.at(-1) ?? null;
    const subject =
      row.subject ??
      replySubject(row.ticket_subject, ticketToken(this.config.ticketNumberPrefix, row.ticket_number));
    await this.dataSource.query(
      `UPDATE mail_messages SET message_id = $2, in_reply_to = $3, reference_ids = $4, subject = $5
        WHERE id = $1 AND message_id IS NULL`,
      [row.id, deskMessageId(row.id, this.config.deskEmail), inReplyTo, references, subject],
    );
    return (await this.load(row.id)) ?? row;
  }
}
