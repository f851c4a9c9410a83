import { ParsedMail } from 'mailparser';
import { EntityManager } from 'typeorm';
import { messageIds } from '../threading/ticket-token';
import { InboundMailFacts, withoutNul } from './parsed-mail';

/** What a delivery failure report (a bounce) is about. */
export interface DeliveryFailure {
  /** Message-IDs of the mail that could not be delivered, as the desk stores them. */
  messageIds: string[];
  /** What the receiving server said ("550 5.1.1 … User unknown"), when the report says it. */
  diagnostic: string | null;
}

const RETURNED_HEADERS = /^(text\/rfc822-headers|message\/rfc822(-headers)?)$/i;
const MESSAGE_ID_LINE = /^message-id:\s*(<[^>\r\n]+>)/gim;
const DIAGNOSTIC_LINE = /^diagnostic-code:\s*(?:[^;\r\n]*;\s*)?(.+)$/im;
const STATUS_LINE = /^status:\s*(\d\.\d{1,3}\.\d{1,3})/im;
const FAILED_ACTION = /^action:\s*failed\b/im;
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon)(\+[^@]*)?@/i;
const FAILURE_SUBJECT =
  /undeliver|returned mail|delivery (status notification \(failure\)|failure|failed)|not delivered|failure notice/i;

/**
 * Reads a report that a mail could not be delivered — a DSN whose action is `failed`, or an
 * old-style bounce from the mail system — or returns undefined (a delay notice, a read receipt,
 * an auto-reply). The returned headers (RFC 3462 `text/rfc822-headers` or the whole returned
 * message) and In-Reply-To/References name the mail that failed; the delivery-status part says
 * why (RFC 3464 `Diagnostic-Code`, else `Status`).
 */
export function deliveryFailureOf(
  parsed: ParsedMail,
  facts: InboundMailFacts,
  envelopeFrom: string | null,
): DeliveryFailure | undefined {
  const returned = parsed.attachments
    .filter((attachment) => RETURNED_HEADERS.test(attachment.contentType))
    .map((attachment) => attachment.content.toString('utf8'));
  const named = returned.flatMap((text) => [...text.matchAll(MESSAGE_ID_LINE)].map((match) => match[1]));
  const report = [parsed.text ?? '', ...returned].join('\n');
  const fromMailSystem = envelopeFrom === '' || DAEMON_SENDER.test(facts.from ?? '');
  const failed = FAILED_ACTION.test(report) || (fromMailSystem && FAILURE_SUBJECT.test(facts.subject));
  if (!failed) return undefined;
  const diagnostic = DIAGNOSTIC_LINE.exec(report)?.[1] ?? STATUS_LINE.exec(report)?.[1] ?? null;
  return {
    messageIds: [...new Set([...messageIds(named).map(withoutNul), ...facts.inReplyTo, ...facts.references])],
    diagnostic: diagnostic ? withoutNul(diagnostic.trim()).slice(0, 500) : null,
  };
}

/**
 * Marks the desk's own mail that these reports name as `bounced` (with the server's reason) and
 * links each report to that mail's ticket, so the ticket's Email panel shows that the customer
 * never got it. Returns how many outbound mails bounced.
 */
export async function recordDeliveryFailures(
  manager: EntityManager,
  reports: { mailId: string; failure: DeliveryFailure }[],
): Promise<number> {
  const named = reports.filter((report) => report.failure.messageIds.length > 0);
  if (named.length === 0) return 0;
  const bounced = await manager.query<{ report_id: string; ticket_id: string | null }[]>(
    `WITH report AS (
       SELECT r.mail_id, r.diagnostic, id.message_id
         FROM jsonb_to_recordset($1::jsonb) AS r(mail_id uuid, diagnostic text, message_ids jsonb)
         CROSS JOIN LATERAL jsonb_array_elements_text(r.message_ids) AS id(message_id)
     ), bounced AS (
       UPDATE mail_messages m
          SET status = 'bounced',
              status_reason = 'not delivered' || coalesce(': ' || report.diagnostic, '')
         FROM report
        WHERE m.direction = 'outbound' AND m.message_id = report.message_id AND m.status IN ('sent', 'queued')
       RETURNING report.mail_id AS report_id, m.ticket_id, m.id AS bounced_id
     )
     UPDATE mail_messages r
        SET ticket_id = b.ticket_id, status_reason = 'delivery failure report of mail ' || b.bounced_id
       FROM bounced b
      WHERE r.id = b.report_id
     RETURNING r.id AS report_id, r.ticket_id`,
    [
      JSON.stringify(
        named.map(({ mailId, failure }) => ({
          mail_id: mailId,
          diagnostic: failure.diagnostic,
          message_ids: failure.messageIds,
        })),
      ),
    ],
  );
  return bounced.length;
}
