import { buildMessageBody, MessageBody } from '@ledgerdesk/tickets';
import { ParsedMail } from 'mailparser';
import { splitReply, withoutMobileFooter } from '../reply-extraction/extract-reply';
import { withoutNul } from './parsed-mail';

export interface CustomerBodyOptions {
  /**
   * The mail answers a ticket the desk has: its quoted history is already on that ticket, so
   * only the new text is kept. A first mail is kept whole: what a customer forwards or pastes
   * below a separator (the invoice, the card statement) is what the agent needs; only a mobile
   * footer on its last line goes.
   */
  reply: boolean;
}

/**
 * The customer's message as stored. A reply keeps its new text only (quotes, signatures,
 * footers removed); a reply with no new text is "(no text)" with its attachments named, never
 * the quote it carries. An HTML message from which nothing had to be removed keeps its
 * (sanitised) HTML; remote images never survive the sanitiser.
 */
export function customerBody(parsed: ParsedMail, options: CustomerBodyOptions): MessageBody {
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? withoutNul(parsed.html) : undefined;
  const htmlBody = html ? buildMessageBody(html, 'html') : undefined;
  const plain = parsed.text?.trim() ? withoutNul(parsed.text) : (htmlBody?.text ?? '');
  const { reply, trimmed } = options.reply ? splitReply(plain) : withoutMobileFooter(plain);
  if (htmlBody && !trimmed && htmlBody.text) return htmlBody;
  const text = reply.trim();
  if (text) return buildMessageBody(text, 'text');
  const names = parsed.attachments.map((attachment) => attachment.filename ?? attachment.contentType);
  return buildMessageBody(
    names.length > 0 ? `(no text; attachments: ${names.join(', ')})` : '(no text)',
    'text',
  );
}
