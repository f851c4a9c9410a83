/** The ticket number in a subject like `Re: [LD-1042] Charged twice`, for the desk's prefix. */
export function ticketNumberInSubject(subject: string, prefix: string): string | undefined {
  const match = new RegExp(`\\[${prefix}-(\\d{1,15})\\]`, 'i').exec(subject);
  return match?.[1];
}

/** Message-IDs in a header value (`<a@b> <c@d>`), without angle brackets. */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]);
  if (ids.length === 0 && text.trim() && !/\s/.test(text.trim())) ids.push(text.trim().replace(/^<|>$/g, ''));
  return ids;
}
