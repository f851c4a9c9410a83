import { Logger } from '@nestjs/common';
import { OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { AccessTokenVerifier, AuthenticatedAgent } from '@ledgerdesk/agents';
import { Namespace, Socket } from 'socket.io';

export const LIVE_NAMESPACE = '/live';

/** Rooms a connection joins, so pushes can target one agent, a team or all supervisors. */
export const liveRooms = {
  agent: (agentId: string): string => `agent:${agentId}`,
  team: (teamId: string): string => `team:${teamId}`,
  supervisors: 'supervisors',
} as const;

function tokenOf(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * The socket.io endpoint (`/live` namespace). A connection must carry the same JWT as the HTTP
 * API (`auth: { token }` or an `Authorization: Bearer` header); it then joins its agent room,
 * its team rooms and, for supervisors and admins, the supervisors room.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit<Namespace> {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(private readonly tokens: AccessTokenVerifier) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.tokens.verify(tokenOf(socket)).then(
        (agent) => {
          socket.data = { agent };
          next();
        },
        (error: Error) => next(new Error(error.message)),
      );
    });
    namespace.on('connection', (socket: Socket) => {
      const agent = (socket.data as { agent: AuthenticatedAgent }).agent;
      const rooms = [
        liveRooms.agent(agent.id),
        ...agent.teamIds.map((teamId) => liveRooms.team(teamId)),
        ...(agent.role === 'agent' ? [] : [liveRooms.supervisors]),
      ];
      void socket.join(rooms);
      socket.emit('session', { agentId: agent.id, role: agent.role, rooms });
      this.logger.debug(`live connection for agent ${agent.id}`);
    });
  }
}
