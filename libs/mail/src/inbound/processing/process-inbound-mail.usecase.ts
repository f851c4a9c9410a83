import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import {
  AddCustomerMessageUseCase,
  buildMessageBody,
  CUSTOMER_ACCOUNT_RESOLVER,
  CustomerAccountResolver,
  MessageBody,
  OpenCustomerTicketUseCase,
} from '@ledgerdesk/tickets';
import { ParsedMail, simpleParser } from 'mailparser';
import { DataSource, EntityManager } from 'typeorm';
import { automaticMailReason } from '../classify/automatic-mail';
import { splitReply } from '../reply-extraction/extract-reply';
import { ticketNumberInSubject } from '../threading/ticket-token';
import { InboundMailFacts, mailFacts, withoutReplyPrefixes } from './parsed-mail';

/** After this many failed parses the message is marked `failed` (its raw MIME stays). */
export const MAX_PARSE_ATTEMPTS = 5;

export type InboundMailOutcome =
  | { status: 'processed'; ticketId: string; ticketMessageId: string; reason: string }
  | { status: 'ignored'; reason: string }
  | { status: 'skipped' };

interface ThreadTicket {
  id: string;
  number: string;
  requester_email: string | null;
  customer_account_id: string | null;
}

/**
 * Parses one stored inbound message and files it: ignored (automatic mail, duplicates, the desk's
 * own), appended to the ticket it replies to (reopening it when solved within the window), or a
 * new ticket (first contact, a follow-up of a closed ticket, or a reply held by the thread-hijack
 * guard). The mail row, the ticket change and the attachments commit together.
 */
@Injectable()
export class ProcessInboundMailUseCase {
  private readonly logger = new Logger(ProcessInboundMailUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly openTicket: OpenCustomerTicketUseCase,
    private readonly addMessage: AddCustomerMessageUseCase,
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(mailMessageId: string): Promise<InboundMailOutcome> {
    const [row] = await this.dataSource.query<
      { raw: Buffer; envelope_from: string | null; attempts: number }[]
    >(
      `WITH claimed AS (
         UPDATE mail_messages SET attempts = attempts + 1
          WHERE id = $1 AND direction = 'inbound' AND status = 'received'
          RETURNING raw, envelope_from, attempts)
       SELECT * FROM claimed`,
      [mailMessageId],
    );
    if (!row) return { status: 'skipped' };
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(row.raw, { skipImageLinks: true, skipTextLinks: true });
    } catch (error) {
      if (row.attempts >= MAX_PARSE_ATTEMPTS) {
        await this.finish(
          this.dataSource.manager,
          mailMessageId,
          'failed',
          `unparseable: ${(error as Error).message}`,
        );
        return { status: 'ignored', reason: 'unparseable' };
      }
      throw error;
    }
    const facts = mailFacts(parsed);
    return this.dataSource.transaction(async (manager) => {
      // Serialise deliveries of the same Message-ID (SMTP and IMAP may both bring it).
      if (facts.messageId) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [facts.messageId]);
      }
      const duplicate = facts.messageId
        ? await this.findDuplicate(manager, mailMessageId, facts.messageId)
        : undefined;
      await manager.query(
        `UPDATE mail_messages SET message_id = $2, in_reply_to = $3, reference_ids = $4, from_address = $5,
                to_addresses = $6, subject = $7 WHERE id = $1`,
        [
          mailMessageId,
          duplicate ? null : facts.messageId,
          facts.inReplyTo[0] ?? null,
          facts.references,
          facts.from,
          facts.to,
          facts.subject,
        ],
      );
      const ignoredBecause =
        (duplicate && `duplicate of mail ${duplicate}`) ||
        (!facts.from && 'no sender address') ||
        (facts.from === this.config.deskEmail && 'sent by the desk itself (loop)') ||
        automaticMailReason({ ...facts, envelopeFrom: row.envelope_from });
      if (ignoredBecause) {
        await this.finish(manager, mailMessageId, 'ignored', ignoredBecause);
        return { status: 'ignored' as const, reason: ignoredBecause };
      }
      const body = customerBody(parsed);
      const delivered = await this.deliver(manager, facts, body);
      await this.storeAttachments(manager, mailMessageId, parsed);
      await manager.query(
        `UPDATE mail_messages SET status = 'processed', status_reason = $2, ticket_id = $3, ticket_message_id = $4,
                processed_at = now() WHERE id = $1`,
        [mailMessageId, delivered.reason, delivered.ticketId, delivered.ticketMessageId],
      );
      return { status: 'processed' as const, ...delivered };
    });
  }

  private async deliver(
    manager: EntityManager,
    facts: InboundMailFacts,
    body: MessageBody,
  ): Promise<{ ticketId: string; ticketMessageId: string; reason: string }> {
    const sender = facts.from!;
    const ticket = await this.threadTicket(manager, facts);
    const open = async (
      extra: Partial<Parameters<OpenCustomerTicketUseCase['execute']>[1]>,
      reason: string,
    ) => {
      const opened = await this.openTicket.execute(manager, {
        channel: 'email',
        subject: withoutReplyPrefixes(facts.subject) || '(no subject)',
        body,
        requester: { email: sender, name: facts.fromName },
        ...extra,
      });
      return { ticketId: opened.ticketId, ticketMessageId: opened.messageId, reason };
    };
    if (!ticket) return open({}, 'new ticket');
    const ref = { id: ticket.id, number: String(ticket.number) };
    if (!(await this.mayWriteOn(manager, ticket, sender))) {
      return open(
        { heldFrom: { ...ref, reason: 'sender is not the requester' }, tags: ['unverified-reply'] },
        `held: claims ticket ${ticket.number} but the sender is not its requester`,
      );
    }
    const result = await this.addMessage.execute(manager, ticket.id, body, {
      reopenWindowDays: this.config.reopenWindowDays,
      reason: 'customer_email',
    });
    if (result.kind === 'follow_up_required') {
      return open({ followUpOf: ref }, `follow-up of ticket ${ticket.number} (${result.status})`);
    }
    return {
      ticketId: ticket.id,
      ticketMessageId: result.messageId,
      reason: result.reopened ? 'reply; reopened the ticket' : 'reply',
    };
  }

  /** The ticket a reply belongs to: by In-Reply-To/References (either direction), else by subject token. */
  private async threadTicket(
    manager: EntityManager,
    facts: InboundMailFacts,
  ): Promise<ThreadTicket | undefined> {
    const ids = [...new Set([...facts.inReplyTo, ...facts.references])];
    if (ids.length > 0) {
      const [byHeader] = await manager.query<ThreadTicket[]>(
        `SELECT t.id, t.number, t.requester_email, t.customer_account_id
           FROM mail_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.message_id = ANY($1::text[])
          ORDER BY m.received_at DESC LIMIT 1`,
        [ids],
      );
      if (byHeader) return byHeader;
    }
    const number = ticketNumberInSubject(facts.subject, this.config.ticketNumberPrefix);
    if (!number) return undefined;
    const [byToken] = await manager.query<ThreadTicket[]>(
      `SELECT id, number, requester_email, customer_account_id FROM tickets WHERE number = $1`,
      [number],
    );
    return byToken;
  }

  /** The thread-hijack guard: the requester, or a verified contact of the ticket's account. */
  private async mayWriteOn(manager: EntityManager, ticket: ThreadTicket, sender: string): Promise<boolean> {
    if (ticket.requester_email && ticket.requester_email.toLowerCase() === sender) return true;
    if (!ticket.customer_account_id || !this.accounts) return false;
    return (await this.accounts.byContact(manager, { email: sender })) === ticket.customer_account_id;
  }

  private async findDuplicate(
    manager: EntityManager,
    id: string,
    messageId: string,
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM mail_messages WHERE direction = 'inbound' AND message_id = $1 AND id <> $2`,
      [messageId, id],
    );
    return row?.id;
  }

  private async storeAttachments(
    manager: EntityManager,
    mailMessageId: string,
    parsed: ParsedMail,
  ): Promise<void> {
    for (const attachment of parsed.attachments) {
      await manager.query(
        `INSERT INTO mail_attachments (mail_message_id, filename, content_type, content_id, inline, size_bytes, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          mailMessageId,
          attachment.filename ?? null,
          attachment.contentType || 'application/octet-stream',
          attachment.contentId?.replace(/^<|>$/g, '') ?? null,
          attachment.contentDisposition === 'inline' || attachment.related === true,
          attachment.size ?? attachment.content.length,
          attachment.content,
        ],
      );
    }
  }

  private async finish(manager: EntityManager, id: string, status: 'ignored' | 'failed', reason: string) {
    this.logger.log(`mail ${id} ${status}: ${reason}`);
    await manager.query(
      `UPDATE mail_messages SET status = $2, status_reason = $3, processed_at = now() WHERE id = $1`,
      [id, status, reason],
    );
  }
}

/**
 * The customer's message as stored: the new text only (quotes, signatures, footers removed).
 * An HTML message from which nothing had to be removed keeps its (sanitised) HTML; remote
 * images never survive the sanitiser.
 */
export function customerBody(parsed: ParsedMail): MessageBody {
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : undefined;
  const htmlBody = html ? buildMessageBody(html, 'html') : undefined;
  const plain = parsed.text?.trim() ? parsed.text : (htmlBody?.text ?? '');
  const { reply, trimmed } = splitReply(plain);
  if (htmlBody && !trimmed && htmlBody.text) return htmlBody;
  const text = reply || plain.trim();
  if (text) return buildMessageBody(text, 'text');
  const names = parsed.attachments.map((attachment) => attachment.filename ?? attachment.contentType);
  return buildMessageBody(
    names.length > 0 ? `(no text; attachments: ${names.join(', ')})` : '(no text)',
    'text',
  );
}
