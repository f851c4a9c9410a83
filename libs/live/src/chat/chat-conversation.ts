import { ChatConversation, ChatMessage, TicketEventItem } from '@ledgerdesk/contracts';
import { chatStatus, RequestConversation } from '@ledgerdesk/tickets';

/** What a chat page shows first: the request page's conversation. */
export function toChatConversation(conversation: RequestConversation): ChatConversation {
  return {
    number: conversation.number,
    subject: conversation.subject,
    ...chatStatus(conversation),
    messages: conversation.messages,
  };
}

/** A committed event as the customer's chat shows it: only their messages and public replies. */
export function chatMessageOf(event: TicketEventItem): ChatMessage | undefined {
  const message = event.message;
  if (event.type !== 'message' || !message || (message.kind !== 'customer' && message.kind !== 'reply')) {
    return undefined;
  }
  return {
    id: message.id,
    from: message.kind === 'customer' ? 'customer' : 'desk',
    agentName: message.kind === 'reply' ? firstName(event.actor.name) : null,
    at: event.at,
    text: message.bodyText,
  };
}

/** Why a chat link opens nothing: said to the page as it is. */
export class ChatLinkRefused extends Error {}

/**
 * What a page is told when its connection is refused: why its link opens nothing, or — for
 * anything else (the database unreachable) — only that the chat is unavailable.
 */
export const connectionRefusal = (error: unknown): Error =>
  error instanceof ChatLinkRefused
    ? error
    : new Error('The chat is not available right now; please try again');

/** Customers see an agent by first name, as on the request page. */
export const firstName = (name: string | null): string | null => name?.trim().split(/\s+/)[0] || null;
