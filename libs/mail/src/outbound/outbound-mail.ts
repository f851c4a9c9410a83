import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type OutboundMailKind = 'reply' | 'csat_survey' | 'csat_clarification' | 'acknowledgement';
export type OutboundMailStatus = 'queued' | 'sent' | 'failed';

/** A composed email another lib wants sent on a ticket (a survey, a clarification, an acknowledgement). */
export interface OutboundMailDraft {
  ticketId: string;
  kind: Exclude<OutboundMailKind, 'reply'>;
  to: string;
  /** Absent: `Re: <ticket subject> [LD-1042]`, like a reply (fixed when first sent). */
  subject?: string;
  bodyText: string;
  bodyHtml: string;
  csatSurveyId?: string;
}

/**
 * Queues an email in the caller's transaction: the row commits with the change that wants it
 * sent, and the worker's mail outbox relay delivers it (the insert notifies `mail_outbound`).
 */
export async function queueOutboundMail(manager: EntityManager, draft: OutboundMailDraft): Promise<string> {
  const [id] = await queueOutboundMails(manager, [draft]);
  return id;
}

/** Queues several emails with one statement (see queueOutboundMail); returns their ids in order. */
export async function queueOutboundMails(
  manager: EntityManager,
  drafts: readonly OutboundMailDraft[],
): Promise<string[]> {
  const ids = drafts.map(() => randomUUID());
  if (drafts.length === 0) return ids;
  await manager.query(
    `INSERT INTO mail_messages (id, direction, source, status, outbound_kind, ticket_id, to_addresses, subject,
                                body_text, body_html, csat_survey_id)
     SELECT d.id, 'outbound', 'desk', 'queued', d.kind, d.ticket_id, ARRAY[d.recipient], d.subject, d.body_text,
            d.body_html, d.csat_survey_id
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[])
            AS d(id, kind, ticket_id, recipient, subject, body_text, body_html, csat_survey_id)`,
    [
      ids,
      drafts.map((draft) => draft.kind),
      drafts.map((draft) => draft.ticketId),
      drafts.map((draft) => draft.to),
      drafts.map((draft) => draft.subject ?? null),
      drafts.map((draft) => draft.bodyText),
      drafts.map((draft) => draft.bodyHtml),
      drafts.map((draft) => draft.csatSurveyId ?? null),
    ],
  );
  return ids;
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
