/**
 * Inbound mail is processed in lanes: all mail of one sender goes to one lane, and a lane is
 * processed by one worker at a time in arrival order, so a sender's reply never overtakes the
 * message that opened its ticket. Changing the count only affects mail stored afterwards, and
 * mail already waiting in a lane at or above the new count would wait forever: keep it.
 */
export const INBOUND_LANES = 8;

const HEADER_END = /\r?\n\r?\n/;
const FROM_HEADER = /^from:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im;

/** The From address of raw MIME, read from the header block without parsing the message. */
export function rawFromAddress(raw: Buffer): string | undefined {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(HEADER_END);
  const from = FROM_HEADER.exec(end === -1 ? head : head.slice(0, end))?.[1];
  if (!from) return undefined;
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /[^\s<>"',;:]+@[^\s<>"',;:]+/.exec(from)?.[0];
  return address?.toLowerCase();
}

/** The lane of a sender (FNV-1a of the address). */
export function inboundLane(sender: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < sender.length; index += 1) {
    hash ^= sender.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % INBOUND_LANES;
}
