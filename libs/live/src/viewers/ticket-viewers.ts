import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { AppConfig, REDIS_CLIENT } from '@ledgerdesk/shared';
import { canSeeTicket } from '@ledgerdesk/tickets';
import { isUUID } from 'class-validator';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  CHAT_EVENTS,
  ChatTyping,
  CommandAck,
  LIVE_EVENTS,
  TicketViewer,
  TicketViewersMessage,
  VIEWER_MODES,
  ViewerMode,
} from '@ledgerdesk/contracts';
import { firstName } from '../chat/chat-conversation';
import { ChatSockets } from '../chat/chat-sockets';
import { InstanceBroadcast } from '../sockets/instance-broadcast';
import { LiveInstance } from '../sockets/live-instance';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSocket, LiveSockets } from '../sockets/live-sockets';

const VIEWERS_TTL_MS = 24 * 3600_000;

/** A socket's entry in a ticket's viewer hash (field `<instance>/<socket id>`). */
interface ViewerEntry {
  agentId: string;
  name: string;
  mode: ViewerMode;
  since: string;
}

const viewersKey = (ticketId: string): string => `live:viewers:${ticketId}`;

/**
 * Who is looking at a ticket, across every api instance: one Redis hash per ticket holds each
 * watching socket's entry, and a Redis channel tells every instance to push the new list to its
 * own watchers. Entries of an instance that died without cleaning up are dropped when read
 * (see LiveInstance).
 */
@Injectable()
export class TicketViewers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TicketViewers.name);
  private readonly broadcast: InstanceBroadcast;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sockets: LiveSockets,
    private readonly chats: ChatSockets,
    private readonly instance: LiveInstance,
    config: AppConfig,
  ) {
    this.broadcast = new InstanceBroadcast(
      config,
      redis,
      'viewers',
      (ticketId) => this.pushList(ticketId),
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.broadcast.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.sockets.all().map((socket) => this.forget(socket))).catch(() => undefined);
    await this.broadcast.stop();
  }

  async watch(socket: LiveSocket, ticketId: unknown): Promise<CommandAck<{ viewers: TicketViewer[] }>> {
    if (typeof ticketId !== 'string' || !isUUID(ticketId))
      return { ok: false, error: 'ticketId must be a UUID' };
    const [ticket] = await this.dataSource.query<{ assignee_id: string | null; team_id: string | null }[]>(
      `SELECT assignee_id, team_id FROM tickets WHERE id = $1`,
      [ticketId],
    );
    if (!ticket) return { ok: false, error: `No ticket with id ${ticketId}` };
    const agent: AuthenticatedAgent = socket.data.agent;
    if (!canSeeTicket(agent, { assigneeId: ticket.assignee_id, teamId: ticket.team_id })) {
      return { ok: false, error: 'Agents can only watch tickets of their teams or assigned to them' };
    }
    await socket.join(liveRooms.ticket(ticketId));
    socket.data.watching.add(ticketId);
    const entry: ViewerEntry = {
      agentId: agent.id,
      name: agent.name,
      mode: 'viewing',
      since: new Date().toISOString(),
    };
    await this.redis
      .multi()
      .hsetnx(viewersKey(ticketId), this.field(socket), JSON.stringify(entry))
      .pexpire(viewersKey(ticketId), VIEWERS_TTL_MS)
      .exec();
    await this.announce(ticketId);
    return { ok: true, viewers: await this.list(ticketId) };
  }

  async unwatch(socket: LiveSocket, ticketId: unknown): Promise<CommandAck> {
    if (typeof ticketId !== 'string' || !isUUID(ticketId))
      return { ok: false, error: 'ticketId must be a UUID' };
    if (!socket.data.watching.delete(ticketId)) return { ok: true };
    await socket.leave(liveRooms.ticket(ticketId));
    await this.redis.hdel(viewersKey(ticketId), this.field(socket));
    await this.announce(ticketId);
    return { ok: true };
  }

  async setMode(socket: LiveSocket, ticketId: unknown, mode: unknown): Promise<CommandAck> {
    if (typeof ticketId !== 'string' || !isUUID(ticketId))
      return { ok: false, error: 'ticketId must be a UUID' };
    if (!VIEWER_MODES.includes(mode as ViewerMode)) {
      return { ok: false, error: `mode must be one of ${VIEWER_MODES.join(', ')}` };
    }
    if (!socket.data.watching.has(ticketId)) {
      return { ok: false, error: 'Watch the ticket first (ticket.watch)' };
    }
    const raw = await this.redis.hget(viewersKey(ticketId), this.field(socket));
    const current = raw ? (JSON.parse(raw) as ViewerEntry) : undefined;
    if (current?.mode === mode) return { ok: true };
    const agent = socket.data.agent;
    const entry: ViewerEntry = {
      agentId: agent.id,
      name: agent.name,
      mode: mode as ViewerMode,
      since: new Date().toISOString(),
    };
    await this.redis.hset(viewersKey(ticketId), this.field(socket), JSON.stringify(entry));
    await this.announce(ticketId);
    return { ok: true };
  }

  /** Removes every entry of a socket that disconnected. */
  async forget(socket: LiveSocket): Promise<void> {
    const tickets = [...socket.data.watching];
    socket.data.watching.clear();
    for (const ticketId of tickets) {
      await this.redis.hdel(viewersKey(ticketId), this.field(socket));
      await this.announce(ticketId);
    }
  }

  /** The ticket's viewers, one per agent: `replying` wins over `viewing`, `since` is the earliest. */
  async list(ticketId: string): Promise<TicketViewer[]> {
    const entries = await this.redis.hgetall(viewersKey(ticketId));
    const fields = Object.keys(entries);
    if (fields.length === 0) return [];
    const stale = new Set(await this.instance.deadFields(fields));
    if (stale.size > 0) await this.redis.hdel(viewersKey(ticketId), ...stale);
    const byAgent = new Map<string, TicketViewer>();
    for (const field of fields) {
      if (stale.has(field)) continue;
      const entry = JSON.parse(entries[field]) as ViewerEntry;
      const known = byAgent.get(entry.agentId);
      if (
        !known ||
        (entry.mode === 'replying' && known.mode === 'viewing') ||
        (entry.mode === known.mode && entry.since < known.since)
      ) {
        byAgent.set(entry.agentId, { ...entry });
      }
    }
    return [...byAgent.values()].sort(
      (a, b) => a.since.localeCompare(b.since) || a.agentId.localeCompare(b.agentId),
    );
  }

  /** What the customer's chat shows: the agents writing a reply now, by first name. */
  async typingIn(ticketId: string): Promise<ChatTyping> {
    return typingOf(await this.list(ticketId));
  }

  /** To the agents watching the ticket, and as `chat.typing` to the customer's open chat. */
  private async pushList(ticketId: string): Promise<void> {
    const room = liveRooms.ticket(ticketId);
    const watched = this.sockets.hasSocketsIn(room);
    const chatting = this.chats.hasSocketsIn(ticketId);
    if (!watched && !chatting) return;
    const viewers = await this.list(ticketId);
    if (watched) {
      const message: TicketViewersMessage = { ticketId, viewers };
      this.sockets.emit(room, LIVE_EVENTS.ticketViewers, message);
    }
    if (chatting) this.chats.emit(ticketId, CHAT_EVENTS.typing, typingOf(viewers));
  }

  private announce(ticketId: string): Promise<void> {
    return this.broadcast.announce(ticketId);
  }

  private field(socket: LiveSocket): string {
    return this.instance.field(socket.id);
  }
}

const typingOf = (viewers: TicketViewer[]): ChatTyping => ({
  agents: viewers
    .filter((viewer) => viewer.mode === 'replying')
    .map((viewer) => firstName(viewer.name) ?? 'An agent'),
});
