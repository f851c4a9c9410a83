import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { QueueCountsPusher } from '../counts/queue-counts.pusher';
import { QueueMetricsPusher } from '../metrics/queue-metrics.pusher';
import { LiveSessions } from '../sessions/live-sessions';
import { TicketChangePusher } from './ticket-change.pusher';

export const LIVE_LISTENER_APPLICATION_NAME = 'ledgerdesk-live-listener';
const TICKET_EVENTS_CHANNEL = 'live_ticket_events';
const METRICS_CHANNEL = 'live_metrics';
/** `live_metrics` payload of an SLA policy change: it moves every agent's "breaching soon" too. */
const SLA_POLICY_PAYLOAD = 'sla';
/** Agents an admin changed (migration LiveAgentChanges): their connections are checked again. */
const AGENTS_CHANNEL = 'live_agents';
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];
/** Notifications arriving this close together are handled as one batch (one query). */
const BATCH_WINDOW_MS = 5;
/**
 * After a lost connection, events committed while nobody listened are looked up by id. Ids are
 * handed out at insert, not at commit, so the search starts this many ids below the highest id
 * seen, and only among events recorded up to a minute before the loss.
 */
const CATCH_UP_ID_MARGIN = 10_000;
const HANDLED_IDS_KEPT = 20_000;

/**
 * Listens for the notifications the database sends when live changes COMMIT (the triggers of
 * migration LiveNotifications), whichever process made them, and hands them to the pushers.
 * A lost connection is re-opened (100 ms, then backing off to 5 s); on reconnect the events
 * committed in between are caught up, every connected client gets fresh counts and metrics, and
 * every connection is checked again (LiveSessions). `live_agents` names agents an admin changed:
 * their connections are checked again at once.
 */
@Injectable()
export class CommittedChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CommittedChangesListener.name);
  private client?: Client;
  private reconnectAttempt = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  private lostAt?: Date;
  private highestSeenId = 0n;
  private readonly handled = new Set<string>();
  private pending = new Set<string>();
  private batchTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private flushRunning = false;
  private backendPid?: number;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketChangePusher,
    private readonly metrics: QueueMetricsPusher,
    private readonly counts: QueueCountsPusher,
    private readonly sessions: LiveSessions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ max }] = await this.dataSource.query<{ max: string }[]>(
      `SELECT coalesce(max(id), 0)::text AS max FROM ticket_events`,
    );
    this.highestSeenId = BigInt(max);
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.batchTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.flushing;
  }

  /** The server process of the LISTEN connection while it is open (tests terminate it). */
  get listeningBackendPid(): number | undefined {
    return this.client ? this.backendPid : undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: LIVE_LISTENER_APPLICATION_NAME,
    });
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.lostAt ??= new Date();
      this.logger.warn(`live listener lost its connection (${reason}); reconnecting`);
      this.scheduleReconnect();
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', (notification) => {
      if (notification.channel === TICKET_EVENTS_CHANNEL) this.receive(notification.payload ?? '');
      else if (notification.channel === AGENTS_CHANNEL) this.recheckAgents(notification.payload ?? '');
      else {
        this.metrics.refresh();
        if (notification.payload === SLA_POLICY_PAYLOAD) this.counts.refreshEveryone();
      }
    });
    try {
      await client.connect();
      await client.query(
        `LISTEN ${TICKET_EVENTS_CHANNEL}; LISTEN ${METRICS_CHANNEL}; LISTEN ${AGENTS_CHANNEL}`,
      );
      const { rows } = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      this.backendPid = rows[0].pid;
    } catch (error) {
      onLost((error as Error).message);
      if (this.reconnectAttempt === 0) throw error;
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectAttempt = 0;
    if (this.lostAt) await this.catchUp(this.lostAt);
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)];
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect().catch((error: Error) => this.logger.warn(`live listener: ${error.message}`));
    }, delay);
  }

  /** Events committed while the connection was down, then a re-sync of counts and metrics. */
  private async catchUp(lostAt: Date): Promise<void> {
    try {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT id::text AS id FROM ticket_events
          WHERE id > $1 AND source = 'live' AND recorded_at >= $2::timestamptz - interval '1 minute'
          ORDER BY id`,
        [(this.highestSeenId - BigInt(CATCH_UP_ID_MARGIN)).toString(), lostAt],
      );
      this.lostAt = undefined;
      this.enqueue(rows.map((row) => row.id).filter((id) => !this.handled.has(id)));
      this.counts.refreshEveryone();
      this.metrics.refresh();
      // Agents may have been changed meanwhile: every connection is checked again.
      await this.sessions.recheckAll();
    } catch (error) {
      this.logger.warn(`live listener catch-up failed: ${(error as Error).message}`);
    }
  }

  private recheckAgents(payload: string): void {
    const agentIds = payload.split(',').filter((id) => id !== '');
    this.sessions
      .recheck(agentIds)
      .catch((error: Error) => this.logger.warn(`live sessions: ${error.message}`));
  }

  private receive(payload: string): void {
    this.enqueue(payload.split(',').filter((id) => /^\d+$/.test(id)));
  }

  private enqueue(ids: string[]): void {
    for (const id of ids) {
      if (this.handled.has(id)) continue;
      this.pending.add(id);
      this.remember(id);
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.pending.size === 0 || this.batchTimer || this.flushRunning) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      this.flushing = this.flush();
    }, BATCH_WINDOW_MS);
  }

  /** One batch at a time; what arrives meanwhile becomes the next batch. */
  private async flush(): Promise<void> {
    this.flushRunning = true;
    const batch = [...this.pending];
    this.pending = new Set();
    try {
      await this.tickets.push(batch);
    } catch (error) {
      this.logger.error(`live push: ${(error as Error).message}`);
    } finally {
      this.flushRunning = false;
      if (!this.stopped) this.scheduleFlush();
    }
  }

  private remember(id: string): void {
    const value = BigInt(id);
    if (value > this.highestSeenId) this.highestSeenId = value;
    this.handled.add(id);
    if (this.handled.size > HANDLED_IDS_KEPT) {
      const oldest = this.handled.values().next().value;
      if (oldest !== undefined) this.handled.delete(oldest);
    }
  }
}
