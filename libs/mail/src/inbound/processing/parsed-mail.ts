import { AddressObject, ParsedMail } from 'mailparser';
import { messageIds } from '../threading/ticket-token';

/** What the desk reads from a parsed message. */
export interface InboundMailFacts {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: string | null;
  fromName: string | null;
  to: string[];
  subject: string;
  contentType: string;
  headers: Map<string, string>;
}

/** A header as text: structured ones (Content-Type, …) by their main value, dates as ISO. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
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
    .map((entry) => ({ address: entry.address!.trim().toLowerCase(), name: entry.name?.trim() ?? '' }));
}

export function mailFacts(parsed: ParsedMail): InboundMailFacts {
  const headers = new Map<string, string>();
  for (const [name, value] of parsed.headers) headers.set(name.toLowerCase(), headerText(value));
  const [from] = addresses(parsed.from);
  const references = messageIds(parsed.references);
  return {
    messageId: messageIds(parsed.messageId)[0] ?? null,
    inReplyTo: messageIds(parsed.inReplyTo),
    references,
    from: from?.address ?? null,
    fromName: from?.name || null,
    to: [...addresses(parsed.to), ...addresses(parsed.cc)].map((entry) => entry.address),
    subject: (parsed.subject ?? '').trim(),
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
