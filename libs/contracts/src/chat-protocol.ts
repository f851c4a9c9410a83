/**
 * The customers' web chat (socket.io namespace `/chat`, docs/live-protocol.md): what a chat page
 * and the desk say to each other. A chat is a `chat` ticket; the customer's side sees only what
 * the request page shows (their messages and the desk's public replies, never internal notes).
 */
export const CHAT_NAMESPACE = '/chat';

export const CHAT_EVENTS = {
  /** First message: the conversation so far. */
  conversation: 'chat.conversation',
  message: 'chat.message',
  status: 'chat.status',
  /** Which agents are writing a reply now (first names). */
  typing: 'chat.typing',
} as const;

export const CHAT_COMMANDS = {
  send: 'chat.send',
  /** `{ messageIds }`: desk messages the customer has seen on the page (their email is then not sent). */
  seen: 'chat.seen',
} as const;

/** Most message ids one `chat.seen` may name. */
export const CHAT_SEEN_MAX_IDS = 100;

/** Whether an agent's console shows the customer as present in the chat (to `ticket:<id>` watchers). */
export const CUSTOMER_PRESENCE_EVENT = 'ticket.customer';

export interface ChatMessage {
  id: string;
  from: 'customer' | 'desk';
  /** The replying agent's first name (desk messages). */
  agentName: string | null;
  at: Date;
  text: string;
}

export interface ChatStatus {
  status: string;
  /** Whether the customer can still write here (a closed chat, or one solved too long ago, cannot). */
  acceptsMessages: boolean;
  /** The status in the customer's words: what happens next. */
  description: string;
}

export interface ChatConversation extends ChatStatus {
  number: string;
  subject: string;
  messages: ChatMessage[];
}

export interface ChatTyping {
  agents: string[];
}

export interface CustomerPresenceMessage {
  ticketId: string;
  /** Customers with the ticket's chat open now (one per browser tab). */
  inChat: boolean;
}
