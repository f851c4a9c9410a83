import { buildMessageBody, MessageBody } from '@ledgerdesk/tickets';
import { ParsedMail } from 'mailparser';
import { splitReply } from '../reply-extraction/extract-reply';
import { withoutNul } from './parsed-mail';

/**
 * The customer's message as stored: the new text only (quotes, signatures, footers removed).
 * An HTML message from which nothing had to be removed keeps its (sanitised) HTML; remote
 * images never survive the sanitiser.
 */
export function customerBody(parsed: ParsedMail): MessageBody {
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? withoutNul(parsed.html) : undefined;
  const htmlBody = html ? buildMessageBody(html, 'html') : undefined;
  const plain = parsed.text?.trim() ? withoutNul(parsed.text) : (htmlBody?.text ?? '');
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
