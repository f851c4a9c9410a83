import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { LIVE_EVENTS, QueueCountsMessage } from '@ledgerdesk/contracts';
import { CoalescedTask } from '../sockets/coalesced-task';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSockets } from '../sockets/live-sockets';
import { QueueCountsQuery } from './queue-counts.query';

/** At most two `queue.counts` per agent per second. */
const MIN_INTERVAL_MS = 500;
/** Time alone moves tickets into "breaching soon". */
const TIME_REFRESH_MS = 30_000;

/**
 * Sends `queue.counts` to an agent on connect and, coalesced, whenever a change touches one of
 * its inboxes: the rooms of a change are collected, and one query a run computes the counts of
 * every agent connected in them.
 */
@Injectable()
export class QueueCountsPusher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueCountsPusher.name);
  private dirtyRooms = new Set<string>();
  private everyone = false;
  private readonly task = new CoalescedTask(
    MIN_INTERVAL_MS,
    () => this.pushDirty(),
    (error) => this.logger.error(`queue.counts: ${error.message}`),
  );

  private clock?: NodeJS.Timeout;

  constructor(
    private readonly query: QueueCountsQuery,
    private readonly sockets: LiveSockets,
  ) {}

  onApplicationBootstrap(): void {
    this.clock = setInterval(() => {
      if (this.sockets.connected > 0) this.refreshEveryone();
    }, TIME_REFRESH_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.clock);
    this.task.stop();
  }

  /** The counts of agents connected in these rooms may have changed. */
  refresh(rooms: string[]): void {
    for (const room of rooms) this.dirtyRooms.add(room);
    this.task.request();
  }

  /** Every connected agent's counts may have changed (after a missed stretch of changes). */
  refreshEveryone(): void {
    this.everyone = true;
    this.task.request();
  }

  async pushTo(agent: AuthenticatedAgent): Promise<void> {
    await this.pushCounts([agent]);
  }

  private async pushDirty(): Promise<void> {
    const sockets = this.everyone ? this.sockets.all() : this.sockets.socketsIn([...this.dirtyRooms]);
    this.everyone = false;
    this.dirtyRooms = new Set();
    const agents = new Map(sockets.map((socket) => [socket.data.agent.id, socket.data.agent]));
    await this.pushCounts([...agents.values()]);
  }

  private async pushCounts(agents: AuthenticatedAgent[]): Promise<void> {
    const counts = await this.query.forAgents(agents);
    const at = new Date();
    for (const [agentId, views] of counts) {
      const message: QueueCountsMessage = { at, views };
      this.sockets.emit(liveRooms.agent(agentId), LIVE_EVENTS.queueCounts, message);
    }
  }
}
