import { ConcurrentWrites } from './concurrent-writes';
import { NumberedImportEvent } from './import-event';
import { laneOf } from './import-lanes';

interface Lane {
  batch: NumberedImportEvent[];
  writes: ConcurrentWrites;
  /** First line of each handed-over batch not yet written, oldest first (a lane writes in order). */
  unwritten: number[];
}

/**
 * The import's writers: a line goes to a lane by a hash of its ticket key, each lane fills a
 * batch and writes it (one at a time per lane) while the next lines are read, the lanes in
 * parallel. A ticket's lines all go to one lane, so two writes of one import never touch the
 * same ticket.
 */
export class WriterLanes {
  private readonly lanes: Lane[];

  constructor(
    count: number,
    private readonly batchSize: number,
    private readonly write: (batch: NumberedImportEvent[]) => Promise<void>,
  ) {
    this.lanes = Array.from({ length: count }, () => ({
      batch: [],
      writes: new ConcurrentWrites(1),
      unwritten: [],
    }));
  }

  /**
   * Queues a line; when that fills its lane's batch, waits until the lane can take the batch.
   * Returns whether a batch was handed over.
   */
  async add(line: NumberedImportEvent): Promise<boolean> {
    const lane = this.lanes[laneOf(line.event.ticket, this.lanes.length)];
    lane.batch.push(line);
    if (lane.batch.length < this.batchSize) return false;
    await this.flush(lane);
    return true;
  }

  /** Hands over every partly filled batch (the end of the file). */
  async flushAll(): Promise<void> {
    for (const lane of this.lanes) if (lane.batch.length > 0) await this.flush(lane);
  }

  /** Every line up to this number is written (or was never for the log). */
  writtenThrough(): number {
    const firstUnwritten = (lane: Lane): number =>
      Math.min(lane.unwritten[0] ?? Infinity, lane.batch[0]?.line ?? Infinity);
    return Math.min(...this.lanes.map(firstUnwritten)) - 1;
  }

  /** A failed lane stops the whole import at once, not only at that lane's next batch. */
  throwIfFailed(): void {
    for (const lane of this.lanes) lane.writes.throwIfFailed();
  }

  /** Waits for every running write; the outcome of each lane. */
  settle(): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled(this.lanes.map((lane) => lane.writes.settle()));
  }

  private async flush(lane: Lane): Promise<void> {
    this.throwIfFailed();
    const full = lane.batch;
    lane.batch = [];
    lane.unwritten.push(full[0].line);
    await lane.writes.start(async () => {
      await this.write(full);
      lane.unwritten.shift();
    });
  }
}
