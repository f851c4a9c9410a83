import { escapeHtml } from '@ledgerdesk/shared';

export interface AcknowledgementInput {
  requesterName: string | null;
  /** `LD-1042`. */
  ticketNumber: string;
  /** `[LD-1042]`: what keeps a reply on the ticket. */
  ticketToken: string;
  ticketSubject: string;
  /** The customer's request page: its status and conversation, where they can add to it. */
  requestUrl: string;
}

/**
 * The email that tells a customer their request was received, its number and where to follow
 * it. It does not repeat the message: whoever fills in the contact form chooses the address it
 * goes to, and a copy of their text would let anyone send their own words from the desk's
 * domain to any address (relay spam). The request page shows the message to the customer.
 */
export function acknowledgementMail(input: AcknowledgementInput): { text: string; html: string } {
  const greeting = input.requesterName ? `Hello ${input.requesterName},` : 'Hello,';
  const received = `Thank you for writing to us. We have received your request and opened ticket ${input.ticketNumber}:`;
  const next =
    'Someone from the billing desk will answer you by email. To add anything, reply to this email ' +
    `and keep ${input.ticketToken} in the subject.`;
  const follow = 'You can also follow your request and add to it here:';
  const signature = '— the billing desk';

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
    '',
    signature,
  ].join('\n');

  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(received)}</p>`,
    `<p style="margin-left:1.5em"><strong>${escapeHtml(input.ticketSubject)}</strong></p>`,
    `<p>${escapeHtml(next)}</p>`,
    `<p>${escapeHtml(follow)} <a href="${escapeHtml(input.requestUrl)}">${escapeHtml(input.ticketNumber)}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
  ].join('\n');
  return { text, html };
}
