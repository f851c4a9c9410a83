import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LIVE_EVENTS } from '@ledgerdesk/contracts';
import { CoalescedTask } from '../sockets/coalesced-task';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSocket, LiveSockets } from '../sockets/live-sockets';
import { QueueMetricsMessage } from '@ledgerdesk/contracts';
import { QueueMetricsQuery } from './queue-metrics.query';

/** At most four computations a second, whatever the rate of changes. */
const MIN_INTERVAL_MS = 250;
/** Time alone moves some figures (waiting seconds, due-soon SLA targets, the desk's day). */
const TIME_REFRESH_MS = 30_000;

/**
 * Sends `queue.metrics` to the supervisors connected to this instance: on connect, and after
 * any change (coalesced), computed only while a supervisor is connected.
 */
@Injectable()
export class QueueMetricsPusher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueMetricsPusher.name);
  private latest?: QueueMetricsMessage;
  /** Bumped by every change, so a computation that raced one is not kept as current. */
  private generation = 0;
  private readonly task = new CoalescedTask(
    MIN_INTERVAL_MS,
    () => this.compute(),
    (error) => this.logger.error(`queue.metrics: ${error.message}`),
  );
  private clock?: NodeJS.Timeout;
  /** Computations so far (for tests and the bench). */
  computations = 0;

  constructor(
    private readonly query: QueueMetricsQuery,
    private readonly sockets: LiveSockets,
  ) {}

  onApplicationBootstrap(): void {
    this.clock = setInterval(() => this.refresh(), TIME_REFRESH_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.clock);
    this.task.stop();
  }

  /** Something the metrics show may have changed. */
  refresh(): void {
    this.latest = undefined;
    this.generation += 1;
    if (this.sockets.hasSocketsIn(liveRooms.supervisors)) this.task.request();
  }

  /** A supervisor just connected: the latest metrics if still current, else a fresh computation for all. */
  pushTo(socket: LiveSocket): void {
    if (this.latest) socket.emit(LIVE_EVENTS.queueMetrics, this.latest);
    else this.task.request();
  }

  private async compute(): Promise<void> {
    if (!this.sockets.hasSocketsIn(liveRooms.supervisors)) return;
    this.computations += 1;
    const generation = this.generation;
    const metrics = await this.query.compute();
    if (generation === this.generation) this.latest = metrics;
    this.sockets.emit(liveRooms.supervisors, LIVE_EVENTS.queueMetrics, metrics);
  }
}
