import { Injectable } from '@nestjs/common';
import { Namespace, Socket } from 'socket.io';

/** What the chat gateway keeps on a customer's connection. */
export interface ChatSocketData {
  ticketId: string;
  /** The client address, for the per-address message limit. */
  address: string;
}

export type ChatSocket = Omit<Socket, 'data'> & { data: ChatSocketData };

/** A ticket's chat room: the customer's open chat pages of that ticket. */
export const chatRoom = (ticketId: string): string => `chat:${ticketId}`;

/**
 * This process's `/chat` namespace (customers' chat pages). Like LiveSockets, pushes go to this
 * instance's own sockets: every api instance hears every committed change itself.
 */
@Injectable()
export class ChatSockets {
  private namespace?: Namespace;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get connected(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  hasSocketsIn(ticketId: string): boolean {
    return (this.namespace?.adapter.rooms.get(chatRoom(ticketId))?.size ?? 0) > 0;
  }

  disconnectAll(ticketId: string): void {
    this.namespace?.in(chatRoom(ticketId)).disconnectSockets(true);
  }

  emit(ticketId: string, event: string, payload: unknown): void {
    this.namespace?.to(chatRoom(ticketId)).emit(event, payload);
  }
}
