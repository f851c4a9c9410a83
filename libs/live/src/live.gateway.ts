import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { AccessTokenVerifier } from '@ledgerdesk/agents';
import { Namespace, Socket } from 'socket.io';
import { QueueCountsPusher } from './counts/queue-counts.pusher';
import { QueueMetricsPusher } from './metrics/queue-metrics.pusher';
import { CustomerPresence } from './chat/customer-presence';
import { AgentConnections } from './presence/agent-connections';
import { CommandAck, LIVE_COMMANDS, LIVE_EVENTS, TicketViewer } from '@ledgerdesk/contracts';
import { answerCommand } from './sockets/command-answer';
import { liveRooms } from './sockets/live-rooms';
import { LiveSocket, LiveSocketData, LiveSockets } from './sockets/live-sockets';
import { TicketViewers } from './viewers/ticket-viewers';

export const LIVE_NAMESPACE = '/live';

function tokenOf(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

const ticketIdOf = (body: unknown): unknown => (body as { ticketId?: unknown } | null)?.ticketId;

/**
 * The socket.io endpoint (`/live` namespace, protocol in docs/live-protocol.md). A connection
 * must carry the same JWT as the HTTP API (`auth: { token }` or an `Authorization: Bearer`
 * header); it then joins its agent room, its team rooms and, for supervisors and admins, the
 * supervisors room, and receives its queue counts (and the queue metrics). When the agent
 * changes later, LiveSessions checks the connection again and disconnects it if its token no
 * longer opens the API or its rights changed.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit<Namespace>, OnGatewayDisconnect<LiveSocket> {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly sockets: LiveSockets,
    private readonly viewers: TicketViewers,
    private readonly counts: QueueCountsPusher,
    private readonly metrics: QueueMetricsPusher,
    private readonly connections: AgentConnections,
    private readonly customers: CustomerPresence,
  ) {}

  afterInit(namespace: Namespace): void {
    this.sockets.attach(namespace);
    namespace.use((socket, next) => {
      const token = tokenOf(socket);
      this.tokens.verify(token).then(
        (agent) => {
          const data: LiveSocketData = { agent, token, watching: new Set() };
          socket.data = data;
          next();
        },
        (error: Error) => next(new Error(error.message)),
      );
    });
    namespace.on('connection', (socket: LiveSocket) => this.welcome(socket));
  }

  private welcome(socket: LiveSocket): void {
    const { agent } = socket.data;
    const rooms = [
      liveRooms.agent(agent.id),
      ...agent.teamIds.map((teamId) => liveRooms.team(teamId)),
      ...(agent.role === 'agent' ? [] : [liveRooms.supervisors]),
    ];
    void socket.join(rooms);
    socket.emit(LIVE_EVENTS.session, { agentId: agent.id, role: agent.role, rooms });
    this.connections
      .connected(agent.id, socket.id)
      .catch((error: Error) => this.logger.warn(`connections: ${error.message}`));
    this.counts.pushTo(agent).catch((error: Error) => this.logger.error(`queue.counts: ${error.message}`));
    if (agent.role !== 'agent') this.metrics.pushTo(socket);
    this.logger.debug(`live connection for agent ${agent.id}`);
  }

  handleDisconnect(socket: LiveSocket): void {
    if (!socket.data?.watching) return;
    this.viewers.forget(socket).catch((error: Error) => this.logger.warn(`ticket.viewers: ${error.message}`));
    this.connections
      .disconnected(socket.data.agent.id, socket.id)
      .catch((error: Error) => this.logger.warn(`connections: ${error.message}`));
  }

  @SubscribeMessage(LIVE_COMMANDS.watch)
  watch(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<CommandAck<{ viewers: TicketViewer[]; customerInChat: boolean }>> {
    return answerCommand(this.logger, LIVE_COMMANDS.watch, async () => {
      const watched = await this.viewers.watch(socket, ticketIdOf(body));
      if (!watched.ok) return watched;
      return { ...watched, customerInChat: await this.customers.inChat(ticketIdOf(body) as string) };
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.unwatch)
  unwatch(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CommandAck> {
    return answerCommand(this.logger, LIVE_COMMANDS.unwatch, () =>
      this.viewers.unwatch(socket, ticketIdOf(body)),
    );
  }

  @SubscribeMessage(LIVE_COMMANDS.presence)
  presence(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<CommandAck> {
    const mode = (body as { mode?: unknown } | null)?.mode;
    return answerCommand(this.logger, LIVE_COMMANDS.presence, () =>
      this.viewers.setMode(socket, ticketIdOf(body), mode),
    );
  }
}
