import { EntityManager } from 'typeorm';

export type OutboundMailKind = 'reply' | 'csat_survey' | 'csat_clarification';
export type OutboundMailStatus = 'queued' | 'sent' | 'failed';

/** A composed email another lib wants sent on a ticket (a survey, a clarification). */
export interface OutboundMailDraft {
  ticketId: string;
  kind: Exclude<OutboundMailKind, 'reply'>;
  to: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  csatSurveyId?: string;
}

/**
 * Queues an email in the caller's transaction: the row commits with the change that wants it
 * sent, and the worker's mail outbox relay delivers it (the insert notifies `mail_outbound`).
 */
export async function queueOutboundMail(manager: EntityManager, draft: OutboundMailDraft): Promise<string> {
  const [row] = await manager.query<{ id: string }[]>(
    `INSERT INTO mail_messages (direction, source, status, outbound_kind, ticket_id, to_addresses, subject,
                                body_text, body_html, csat_survey_id)
     VALUES ('outbound', 'desk', 'queued', $1, $2, ARRAY[$3], $4, $5, $6, $7)
     RETURNING id`,
    [
      draft.kind,
      draft.ticketId,
      draft.to,
      draft.subject,
      draft.bodyText,
      draft.bodyHtml,
      draft.csatSurveyId ?? null,
    ],
  );
  return row.id;
}

/** `[LD-1042]`: the token inbound mail threads on. */
export const ticketToken = (prefix: string, number: string | number): string => `[${prefix}-${number}]`;

/** `Re: <subject> [LD-1042]`, without stacking `Re:` prefixes or tokens. */
export function replySubject(subject: string, token: string): string {
  // Only the desk's own tokens go: a customer's "[INV-1042]" is part of the subject.
  const prefix = /^\[(.+)-\d+\]$/.exec(token)?.[1];
  const deskTokens = prefix
    ? new RegExp(`\\[${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+\\]`, 'gi')
    : /(?!)/g;
  const bare = subject
    .replace(deskTokens, '')
    .replace(/^\s*((re|aw|sv|antw|réf|fw|fwd)\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `Re: ${bare || '(no subject)'} ${token}`;
}

/**
 * `uuid@desk.example` on the desk's own domain. Stored, like every Message-ID, without angle
 * brackets (the composer adds them), so replies thread by it.
 */
export function deskMessageId(id: string, deskEmail: string): string {
  const domain = deskEmail.slice(deskEmail.lastIndexOf('@') + 1) || 'ledgerdesk.invalid';
  return `${id}@${domain}`;
}
