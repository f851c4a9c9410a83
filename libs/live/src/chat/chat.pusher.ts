import { Injectable } from '@nestjs/common';
import { CHAT_EVENTS, TicketEventItem } from '@ledgerdesk/contracts';
import { RequestConversationQuery } from '@ledgerdesk/tickets';
import { chatMessageOf } from './chat-conversation';
import { ChatSockets } from './chat-sockets';

/** An agent's reset of a ticket's request links also ends the chats opened with them. */
const LINK_RESET = 'ticket.request_link_reset';

/**
 * Pushes a ticket's committed events to the customer's open chat: each public message
 * (`chat.message`, never an internal note) and then the status (`chat.status`). A reset of the
 * ticket's request links disconnects the chat pages opened with the old link.
 */
@Injectable()
export class ChatPusher {
  constructor(
    private readonly sockets: ChatSockets,
    private readonly conversations: RequestConversationQuery,
  ) {}

  get connected(): number {
    return this.sockets.connected;
  }

  async push(ticketId: string, events: readonly TicketEventItem[]): Promise<void> {
    if (!this.sockets.hasSocketsIn(ticketId)) return;
    if (events.some((event) => event.type === LINK_RESET)) {
      this.sockets.disconnectAll(ticketId);
      return;
    }
    for (const event of events) {
      const message = chatMessageOf(event);
      if (message) this.sockets.emit(ticketId, CHAT_EVENTS.message, message);
    }
    const status = await this.conversations.statusOf(ticketId);
    if (status) this.sockets.emit(ticketId, CHAT_EVENTS.status, status);
  }
}
