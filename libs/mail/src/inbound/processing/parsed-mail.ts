import { AddressObject, ParsedMail } from 'mailparser';
import { messageIds } from '../threading/ticket-token';

/** What the desk reads from a parsed message. */
export interface InboundMailFacts {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: string | null;
  fromName: string | null;
  /** Where the sender asks answers to go (a web form relay names the person here). */
  replyTo: string | null;
  replyToName: string | null;
  to: string[];
  subject: string;
  contentType: string;
  headers: Map<string, string>;
}

/** PostgreSQL text cannot hold NUL; a decoded part may (`=00`, a UTF-16 part read as bytes). */
export const withoutNul = (text: string): string => text.replaceAll('\u0000', '');

/** A header as text: structured ones (Content-Type, …) by their main value, dates as ISO. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return withoutNul(value);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'value' in value) return headerText(value.value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects
    .flatMap((object) => object.value)
    .filter((entry) => entry.address)
    .map((entry) => ({
      address: withoutNul(entry.address!.trim().toLowerCase()),
      name: withoutNul(entry.name?.trim() ?? ''),
    }));
}

export function mailFacts(parsed: ParsedMail): InboundMailFacts {
  const headers = new Map<string, string>();
  for (const [name, value] of parsed.headers) headers.set(name.toLowerCase(), headerText(value));
  // mailparser folds some headers into one structured value (List-Id, List-Unsubscribe, … into
  // `list`): keep each as its raw line too, so the classifier can see it.
  for (const { key, line } of parsed.headerLines) {
    if (!headers.has(key)) headers.set(key, withoutNul(line.slice(line.indexOf(':') + 1).trim()));
  }
  const [from] = addresses(parsed.from);
  const [replyTo] = addresses(parsed.replyTo);
  const ids = (value: string | string[] | undefined): string[] => messageIds(value).map(withoutNul);
  const references = ids(parsed.references);
  return {
    messageId: ids(parsed.messageId)[0] ?? null,
    inReplyTo: ids(parsed.inReplyTo),
    references,
    from: from?.address ?? null,
    fromName: from?.name || null,
    replyTo: replyTo?.address ?? null,
    replyToName: replyTo?.name || null,
    to: [...addresses(parsed.to), ...addresses(parsed.cc)].map((entry) => entry.address),
    subject: withoutNul(parsed.subject ?? '').trim(),
    contentType: headers.get('content-type') ?? 'text/plain',
    headers,
  };
}

/** `Re: Fwd: AW: [LD-7] Hello` → `[LD-7] Hello` (for the subject of a ticket opened from a reply). */
export function withoutReplyPrefixes(subject: string): string {
  return subject
    .replace(/^(\s*(re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|r|res|enc)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .trim();
}
