const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** Where the top-level header block ends (its blank line), or the whole message. */
function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((index) => index !== -1);
  return ends.length > 0 ? Math.min(...ends) : raw.length;
}

/**
 * Headers are ASCII (RFC 5322) or UTF-8 (RFC 6532), but some mailers still write Latin-1 bytes
 * unencoded ("Gebühr" with a raw 0xFC). mailparser reads header bytes as UTF-8 and turns those
 * into U+FFFD, losing the subject's and the sender name's letters. When the top-level header
 * block is not valid UTF-8, it is read as Windows-1252 (Latin-1 and the quotes and dashes that
 * mailers add) and handed on as UTF-8. The body is left alone: its parts name their charsets.
 */
export function withUtf8Headers(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  const header = raw.subarray(0, end);
  try {
    UTF8.decode(header);
    return raw;
  } catch {
    return Buffer.concat([Buffer.from(WINDOWS_1252.decode(header), 'utf8'), raw.subarray(end)]);
  }
}
