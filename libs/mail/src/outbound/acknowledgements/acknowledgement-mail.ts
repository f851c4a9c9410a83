import { escapeHtml } from '@ledgerdesk/shared';

/** Longer first messages are cut in the acknowledgement's copy (the ticket keeps all of it). */
export const QUOTED_MESSAGE_MAX_CHARS = 4000;

export interface AcknowledgementInput {
  requesterName: string | null;
  /** `LD-1042`. */
  ticketNumber: string;
  /** `[LD-1042]`: what keeps a reply on the ticket. */
  ticketToken: string;
  ticketSubject: string;
  /** The customer's request page: its status and conversation, where they can add to it. */
  requestUrl: string;
  /** The customer's own words, quoted when they have no copy of them (the contact form). */
  quotedMessage: string | null;
}

/** The email that tells a customer their request was received and what its number is. */
export function acknowledgementMail(input: AcknowledgementInput): { text: string; html: string } {
  const greeting = input.requesterName ? `Hello ${input.requesterName},` : 'Hello,';
  const received = `Thank you for writing to us. We have received your request and opened ticket ${input.ticketNumber}:`;
  const next =
    'Someone from the billing desk will answer you by email. To add anything, reply to this email ' +
    `and keep ${input.ticketToken} in the subject.`;
  const follow = 'You can also follow your request and add to it here:';
  const signature = '— the billing desk';
  const quoted = input.quotedMessage === null ? null : quote(input.quotedMessage);

  const text = [
    greeting,
    '',
    received,
    '',
    `  ${input.ticketSubject}`,
    '',
    next,
    '',
    follow,
    input.requestUrl,
    ...(quoted === null ? [] : ['', 'Your message:', '', ...quoted.lines.map((line) => `> ${line}`)]),
    ...(quoted?.cut ? ['> […]'] : []),
    '',
    signature,
  ].join('\n');

  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(received)}</p>`,
    `<p style="margin-left:1.5em"><strong>${escapeHtml(input.ticketSubject)}</strong></p>`,
    `<p>${escapeHtml(next)}</p>`,
    `<p>${escapeHtml(follow)} <a href="${escapeHtml(input.requestUrl)}">${escapeHtml(input.ticketNumber)}</a></p>`,
    ...(quoted === null
      ? []
      : [
          '<p>Your message:</p>',
          `<blockquote style="margin:0 0 0 1em;padding-left:1em;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(
            quoted.lines.join('\n') + (quoted.cut ? '\n[…]' : ''),
          )}</blockquote>`,
        ]),
    `<p>${escapeHtml(signature)}</p>`,
  ].join('\n');
  return { text, html };
}

function quote(message: string): { lines: string[]; cut: boolean } {
  const trimmed = message.trim();
  const cut = trimmed.length > QUOTED_MESSAGE_MAX_CHARS;
  return { lines: (cut ? trimmed.slice(0, QUOTED_MESSAGE_MAX_CHARS) : trimmed).split(/\r?\n/), cut };
}
