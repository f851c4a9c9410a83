import { escapeHtml } from '@ledgerdesk/shared';

export interface AcknowledgementInput {
  /** `LD-1042`. */
  ticketNumber: string;
  /** `[LD-1042]`: what keeps a reply on the ticket. */
  ticketToken: string;
  /** The customer's request page: its status and conversation, where they can add to it. */
  requestUrl: string;
}

/**
 * The email that tells a customer their request was received, its number and where to follow
 * it. It repeats nothing the sender wrote: whoever fills in the contact form (or forges a From)
 * chooses the address it goes to, and a copy of their words would let anyone send text of their
 * choosing from the desk's domain to any address (relay spam). The request page shows the
 * customer what they wrote.
 */
export function acknowledgementMail(input: AcknowledgementInput): { text: string; html: string } {
  // Not even their name: a form's name field is free text too.
  const greeting = 'Hello,';
  const received = `Thank you for writing to us. We have received your request and opened ticket ${input.ticketNumber}.`;
  const next =
    'Someone from the billing desk will answer you by email. To add anything, reply to this email ' +
    `and keep ${input.ticketToken} in the subject.`;
  const follow = 'You can also follow your request and add to it here:';
  const signature = '— the billing desk';

  const text = [greeting, '', received, '', next, '', follow, input.requestUrl, '', signature].join('\n');

  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(received)}</p>`,
    `<p>${escapeHtml(next)}</p>`,
    `<p>${escapeHtml(follow)} <a href="${escapeHtml(input.requestUrl)}">${escapeHtml(input.ticketNumber)}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
  ].join('\n');
  return { text, html };
}
