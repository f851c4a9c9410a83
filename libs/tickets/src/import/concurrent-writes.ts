/**
 * Runs up to `limit` writes at a time; `start` waits for a free slot. The first failure is kept
 * and thrown by the next `start` and by `settle`, so no write goes unobserved.
 */
export class ConcurrentWrites {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async start(write: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const running: Promise<void> = write()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Waits for every running write; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  /** Throws the first failure, if a write has failed. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
