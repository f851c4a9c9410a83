import { DeliveryFailure } from './delivery-failures';
import { Attachment } from 'mailparser';
import { EntityManager } from 'typeorm';
import { InboundMailFacts, withoutNul } from './parsed-mail';

/** Where one inbound message ended up. `received` = try again after `retrySeconds`. */
export interface FiledMail {
  id: string;
  status: 'processed' | 'ignored' | 'received' | 'failed';
  reason: string;
  ticketId?: string;
  ticketMessageId?: string | null;
  /** The message opened its ticket (an acknowledgement is queued). */
  openedTicket?: boolean;
  facts?: InboundMailFacts;
  /** False for a duplicate delivery: its Message-ID stays with the first copy. */
  keepsMessageId?: boolean;
  retrySeconds?: number;
  attachments?: Attachment[];
  /** An ignored report that mail the desk sent could not be delivered. */
  deliveryFailure?: DeliveryFailure;
}

/** Every message of a batch: status, reason, ticket and headers, in one statement. */
export async function recordFiledMail(manager: EntityManager, filed: FiledMail[]): Promise<void> {
  if (filed.length === 0) return;
  const rows = filed.map((mail) => ({
    id: mail.id,
    status: mail.status,
    reason: mail.reason,
    ticket_id: mail.ticketId ?? null,
    ticket_message_id: mail.ticketMessageId ?? null,
    parsed: mail.facts !== undefined,
    message_id: mail.keepsMessageId === false ? null : (mail.facts?.messageId ?? null),
    in_reply_to: mail.facts?.inReplyTo[0] ?? null,
    reference_ids: mail.facts?.references ?? [],
    from_address: mail.facts?.from ?? null,
    to_addresses: mail.facts?.to ?? [],
    subject: mail.facts?.subject ?? null,
    retry_seconds: mail.retrySeconds ?? null,
  }));
  await manager.query(
    `UPDATE mail_messages m
        SET status = u.status, status_reason = u.reason, ticket_id = u.ticket_id,
            ticket_message_id = u.ticket_message_id, attempts = m.attempts + 1,
            message_id = CASE WHEN u.parsed THEN u.message_id ELSE m.message_id END,
            in_reply_to = CASE WHEN u.parsed THEN u.in_reply_to ELSE m.in_reply_to END,
            reference_ids = CASE WHEN u.parsed THEN ARRAY(SELECT jsonb_array_elements_text(u.reference_ids)) ELSE m.reference_ids END,
            from_address = CASE WHEN u.parsed THEN u.from_address ELSE m.from_address END,
            to_addresses = CASE WHEN u.parsed THEN ARRAY(SELECT jsonb_array_elements_text(u.to_addresses)) ELSE m.to_addresses END,
            subject = CASE WHEN u.parsed THEN u.subject ELSE m.subject END,
            retry_at = now() + make_interval(secs => coalesce(u.retry_seconds, 0)),
            processed_at = CASE WHEN u.status = 'received' THEN NULL ELSE now() END
       FROM jsonb_to_recordset($1::jsonb) AS u(
              id uuid, status text, reason text, ticket_id uuid, ticket_message_id uuid, parsed boolean,
              message_id text, in_reply_to text, reference_ids jsonb, from_address text, to_addresses jsonb,
              subject text, retry_seconds int)
      WHERE m.id = u.id`,
    [JSON.stringify(rows)],
  );
}

const ATTACHMENT_COLUMNS = 7;
const ATTACHMENTS_PER_STATEMENT = 1000;

/** The attachments (and inline images) of the filed messages; contents travel as binary parameters. */
export async function storeAttachments(manager: EntityManager, filed: FiledMail[]): Promise<void> {
  const all = filed.flatMap((mail) => (mail.attachments ?? []).map((attachment) => ({ mail, attachment })));
  for (let start = 0; start < all.length; start += ATTACHMENTS_PER_STATEMENT) {
    const chunk = all.slice(start, start + ATTACHMENTS_PER_STATEMENT);
    const values: unknown[] = [];
    const rows = chunk.map(({ mail, attachment }, index) => {
      values.push(
        mail.id,
        attachment.filename === undefined ? null : withoutNul(attachment.filename),
        withoutNul(attachment.contentType || 'application/octet-stream'),
        attachment.contentId === undefined ? null : withoutNul(attachment.contentId.replace(/^<|>$/g, '')),
        attachment.contentDisposition === 'inline' || attachment.related === true,
        attachment.size ?? attachment.content.length,
        attachment.content,
      );
      const at = index * ATTACHMENT_COLUMNS;
      return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::boolean, $${at + 6}::int, $${at + 7}::bytea)`;
    });
    await manager.query(
      `INSERT INTO mail_attachments (mail_message_id, filename, content_type, content_id, inline, size_bytes, content)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
}
