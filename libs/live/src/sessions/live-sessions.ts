import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { AccessTokenVerifier, AuthenticatedAgent } from '@ledgerdesk/agents';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSocket, LiveSockets } from '../sockets/live-sockets';

/**
 * Keeps open live connections within what their agent may see now. A connection's rooms are fixed
 * when it connects (see LiveGateway), so when an agent changes — deactivated, role or teams
 * changed — each of their connections on this instance is checked again with its own token: a
 * token that no longer opens the API disconnects the socket, and so do other rights than the
 * socket joined with (the console reconnects and gets the rooms its new rights allow). Every api
 * instance hears every change from PostgreSQL (`live_agents`), so this covers all instances.
 */
@Injectable()
export class LiveSessions {
  private readonly logger = new Logger(LiveSessions.name);

  constructor(
    private readonly sockets: LiveSockets,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  /** Checks again the connections of these agents. */
  async recheck(agentIds: string[]): Promise<void> {
    await this.check(this.sockets.socketsIn(agentIds.map(liveRooms.agent)));
  }

  /** Checks again every connection (after a stretch when changes may have been missed). */
  async recheckAll(): Promise<void> {
    await this.check(this.sockets.all());
  }

  private async check(sockets: LiveSocket[]): Promise<void> {
    await Promise.all(
      sockets.map(async (socket) => {
        let now: AuthenticatedAgent;
        try {
          now = await this.tokens.verify(socket.data.token);
        } catch (error) {
          if (!(error instanceof UnauthorizedException)) {
            // The database is unreachable, say: the next change or reconnect checks again.
            this.logger.warn(`live session check failed: ${(error as Error).message}`);
            return;
          }
          this.logger.debug(`live connection of agent ${socket.data.agent.id} ended: ${error.message}`);
          socket.disconnect(true);
          return;
        }
        if (sameRights(socket.data.agent, now)) socket.data.agent = now;
        else socket.disconnect(true);
      }),
    );
  }
}

function sameRights(before: AuthenticatedAgent, now: AuthenticatedAgent): boolean {
  return (
    before.role === now.role &&
    before.teamIds.length === now.teamIds.length &&
    before.teamIds.every((teamId) => now.teamIds.includes(teamId))
  );
}
