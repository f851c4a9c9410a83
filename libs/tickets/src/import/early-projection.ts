import { ConcurrentWrites } from './concurrent-writes';
import { SettledTickets } from './settled-tickets';

/**
 * Projects the tickets of a running import that look complete (settled-tickets.ts) on a lane of
 * its own, so the KPI worker gets them while the import goes on rather than all at its end.
 */
export class EarlyProjection {
  private readonly settled: SettledTickets;
  private waiting: string[] = [];
  private readonly writes = new ConcurrentWrites(1);

  constructor(
    quietLines: number,
    private readonly chunkSize: number,
    private readonly project: (ticketKeys: string[]) => Promise<void>,
  ) {
    this.settled = new SettledTickets(quietLines);
  }

  saw(ticketKey: string, line: number): void {
    this.settled.saw(ticketKey, line);
  }

  /** Projects, a chunk at a time, the tickets settled as of line `now` whose lines are written. */
  async offer(now: number, writtenThrough: number): Promise<void> {
    this.waiting.push(...this.settled.take(now, writtenThrough));
    while (this.waiting.length >= this.chunkSize) {
      const keys = this.waiting.slice(0, this.chunkSize);
      this.waiting = this.waiting.slice(this.chunkSize);
      await this.writes.start(() => this.project(keys));
    }
  }

  /** Waits for the running projection; throws its failure. Tickets not projected stay marked. */
  settle(): Promise<void> {
    return this.writes.settle();
  }
}
