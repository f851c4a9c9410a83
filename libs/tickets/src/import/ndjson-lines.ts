import { ByteSource, toBuffer } from '@ledgerdesk/shared';

export type { ByteSource };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export type NdjsonLine =
  { number: number; text: string } | { number: number; problem: 'too long' | 'not UTF-8'; bytes: number };

/**
 * Splits a byte stream into numbered lines without holding more than one line in memory.
 * A line longer than `maxLineBytes` is skipped (reported, not buffered), so one bad line cannot
 * exhaust memory. Blank lines are skipped but keep their number. `bytesRead` follows the input.
 */
export class NdjsonLineReader {
  private consumed = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxLineBytes: number) {}

  get bytesRead(): number {
    return this.consumed;
  }

  async *lines(source: ByteSource): AsyncGenerator<NdjsonLine> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let overflowBytes = 0;
    let number = 0;

    const finishLine = (tail: Buffer): NdjsonLine | undefined => {
      number += 1;
      if (overflowBytes > 0 || pendingBytes + tail.length > this.maxLineBytes) {
        const bytes = overflowBytes + pendingBytes + tail.length;
        overflowBytes = 0;
        pending = [];
        pendingBytes = 0;
        return { number, problem: 'too long', bytes };
      }
      const whole = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
      pending = [];
      pendingBytes = 0;
      const end =
        whole.length > 0 && whole[whole.length - 1] === CARRIAGE_RETURN ? whole.length - 1 : whole.length;
      let text: string;
      try {
        text = this.decoder.decode(whole.subarray(0, end));
      } catch {
        return { number, problem: 'not UTF-8', bytes: end };
      }
      return text.trim() === '' ? undefined : { number, text };
    };

    for await (const chunk of source) {
      const buffer = toBuffer(chunk);
      this.consumed += buffer.length;
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        const line = finishLine(buffer.subarray(start, end));
        if (line) yield line;
        start = end + 1;
      }
      const rest = buffer.length - start;
      if (rest === 0) continue;
      if (overflowBytes > 0 || pendingBytes + rest > this.maxLineBytes) {
        overflowBytes += pendingBytes + rest;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the source may reuse its chunk buffers.
        pending.push(Buffer.from(buffer.subarray(start)));
        pendingBytes += rest;
      }
    }
    if (pendingBytes > 0 || overflowBytes > 0) {
      const line = finishLine(Buffer.alloc(0));
      if (line) yield line;
    }
  }
}
