/**
 * The writer lane of a ticket key: FNV-1a over its UTF-16 code units, so every line of one
 * ticket lands in the same lane, whatever the file's order.
 */
export function laneOf(ticketKey: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < ticketKey.length; index++) {
    hash ^= ticketKey.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
