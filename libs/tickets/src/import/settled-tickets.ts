/**
 * Which tickets of an import are probably complete: none of the last `quietLines` lines read was
 * theirs. A desk exports by time, so a ticket's lines come close together (1M-line benchmark
 * history: 99% of tickets within 36,000 lines), and a ticket quiet for longer can be projected
 * while the import goes on instead of at its end. Guessing wrong costs one more projection of
 * that ticket, never a wrong one: a later line marks it again.
 */
export class SettledTickets {
  private readonly lastLine = new Map<string, number>();
  /** Every sighting, oldest first (two arrays: a million objects would cost more than the lines). */
  private keys: string[] = [];
  private lines: number[] = [];
  private head = 0;

  constructor(private readonly quietLines: number) {}

  saw(key: string, line: number): void {
    this.lastLine.set(key, line);
    this.keys.push(key);
    this.lines.push(line);
  }

  /**
   * Tickets quiet since `quietLines` before line `now` whose lines are all at or before
   * `committedThrough` (lines still being written would not be in the log yet); each is
   * returned once until seen again.
   */
  take(now: number, committedThrough = now): string[] {
    const settled: string[] = [];
    const through = Math.min(now - this.quietLines, committedThrough);
    while (this.head < this.keys.length && this.lines[this.head] <= through) {
      const key = this.keys[this.head];
      if (this.lastLine.get(key) === this.lines[this.head]) {
        this.lastLine.delete(key);
        settled.push(key);
      }
      this.head += 1;
    }
    if (this.head >= 65_536) {
      this.keys = this.keys.slice(this.head);
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return settled;
  }
}
