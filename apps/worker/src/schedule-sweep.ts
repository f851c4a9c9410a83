import { WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';

/**
 * Runs job `name` on `queue` every `everyMs`. The schedule is one Redis key shared by all
 * workers; each worker also queues one run when it boots, so a worker started after a long
 * outage does not wait for the next tick.
 */
export async function scheduleSweep(queue: Queue, name: string, everyMs: number): Promise<void> {
  const opts = { removeOnComplete: 100, removeOnFail: 500 };
  await queue.upsertJobScheduler(name, { every: everyMs }, { name, opts });
  await queue.add(`${name}-at-boot`, {}, opts);
}

/** A processor of a periodic sweep: scheduled (see scheduleSweep) when the worker boots. */
export abstract class SweepProcessor extends WorkerHost implements OnApplicationBootstrap {
  protected constructor(
    private readonly queue: Queue,
    private readonly sweepName: string,
    private readonly everyMs: number,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await scheduleSweep(this.queue, this.sweepName, this.everyMs);
  }
}
