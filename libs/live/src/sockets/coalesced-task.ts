/**
 * Runs `task` at most once per `minIntervalMs` however often it is requested: the first request
 * after a quiet period runs at once, requests during a run or within the interval collapse into
 * one run as soon as the interval has passed. A failed run is reported and does not stop later ones.
 */
export class CoalescedTask {
  private running = false;
  private requested = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly minIntervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  request(): void {
    if (this.stopped) return;
    this.requested = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.running || this.timer || !this.requested) return;
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    this.requested = false;
    this.running = true;
    this.lastStart = Date.now();
    this.task()
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.running = false;
        if (!this.stopped) this.schedule();
      });
  }
}
