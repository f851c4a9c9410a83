import { Injectable } from '@nestjs/common';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { Namespace, Socket } from 'socket.io';

/** What the gateway keeps on each connection. */
export interface LiveSocketData {
  agent: AuthenticatedAgent;
  /** The access token it connected with, checked again when its agent changes (LiveSessions). */
  token: string | undefined;
  /** Tickets this socket watches. */
  watching: Set<string>;
}

export type LiveSocket = Omit<Socket, 'data'> & { data: LiveSocketData };

/**
 * This process's `/live` namespace. Pushes go to this instance's own sockets only: every api
 * instance receives every committed change from PostgreSQL itself, so no cross-instance
 * broadcast is needed (and would deliver twice).
 */
@Injectable()
export class LiveSockets {
  private namespace?: Namespace;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get connected(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  emit(rooms: string | string[], event: string, payload: unknown): void {
    if (!this.namespace || rooms.length === 0) return;
    this.namespace.to(rooms).emit(event, payload);
  }

  /** This instance's sockets in any of the rooms (each once). */
  socketsIn(rooms: string | string[]): LiveSocket[] {
    if (!this.namespace) return [];
    const ids = new Set<string>();
    for (const room of typeof rooms === 'string' ? [rooms] : rooms) {
      for (const id of this.namespace.adapter.rooms.get(room) ?? []) ids.add(id);
    }
    return [...ids]
      .map((id) => this.namespace?.sockets.get(id) as LiveSocket | undefined)
      .filter((socket): socket is LiveSocket => socket !== undefined);
  }

  hasSocketsIn(room: string): boolean {
    return (this.namespace?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  all(): LiveSocket[] {
    return [...(this.namespace?.sockets.values() ?? [])] as LiveSocket[];
  }
}
