import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import {
  CHAT_COMMANDS,
  CHAT_EVENTS,
  CHAT_NAMESPACE,
  CHAT_SEEN_MAX_IDS,
  ChatMessage,
  CommandAck,
} from '@ledgerdesk/contracts';
import { AppConfig, clientAddressResolver, REDIS_CLIENT } from '@ledgerdesk/shared';
import {
  AddCustomerMessageUseCase,
  buildMessageBody,
  chatSecondsToWait,
  MAX_BODY_LENGTH,
  RequestConversationQuery,
  RequestLinks,
} from '@ledgerdesk/tickets';
import { isUUID } from 'class-validator';
import { stopRepliesSeenInChat } from '@ledgerdesk/mail';
import Redis from 'ioredis';
import { IncomingMessage } from 'node:http';
import { Namespace } from 'socket.io';
import { DataSource } from 'typeorm';
import { ChatLinkRefused, connectionRefusal, toChatConversation } from './chat-conversation';
import { ChatSocket, chatRoom, ChatSockets } from './chat-sockets';
import { CustomerPresence } from './customer-presence';
import { answerCommand } from '../sockets/command-answer';
import { TicketViewers } from '../viewers/ticket-viewers';

/** How long a page's message id is remembered, so that a resend after a lost answer is not stored twice. */
const SENT_TTL_SECONDS = 3600;

const sentKey = (ticketId: string, clientId: string): string => `live:chat-sent:${ticketId}:${clientId}`;

const tokenOf = (socket: ChatSocket): unknown =>
  (socket.handshake.auth as { token?: unknown } | undefined)?.token;

/**
 * The customers' web chat (`/chat` namespace, docs/live-protocol.md). A connection carries the
 * request link's token (`auth: { token }`), the customer's key to one ticket: it joins that
 * ticket's chat room, gets the conversation, and then every public message and status change
 * as they commit (ChatPusher), and which agents are writing. `chat.send` adds a customer message
 * exactly as the request page's form does (a solved chat reopens within REOPEN_WINDOW_DAYS, a
 * closed one takes no more), limited per client address (CHAT_MESSAGES_PER_MINUTE) and
 * idempotent by the page's message id. `chat.seen` names the desk's replies the customer has
 * seen: their emails, still waiting (CHAT_REPLY_MAIL_DELAY_SECONDS), are then not sent.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatGateway implements OnGatewayInit<Namespace>, OnGatewayDisconnect<ChatSocket> {
  private readonly logger = new Logger(ChatGateway.name);
  private readonly addressOf: (request: IncomingMessage) => string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
    private readonly config: AppConfig,
    private readonly links: RequestLinks,
    private readonly conversations: RequestConversationQuery,
    private readonly addMessage: AddCustomerMessageUseCase,
    private readonly sockets: ChatSockets,
    private readonly presence: CustomerPresence,
    private readonly viewers: TicketViewers,
  ) {
    this.addressOf = clientAddressResolver(config.trustProxy);
  }

  afterInit(namespace: Namespace): void {
    this.sockets.attach(namespace);
    namespace.use((socket, next) => {
      this.ticketOf(tokenOf(socket as ChatSocket)).then(
        (ticketId) => {
          (socket as ChatSocket).data = { ticketId, address: this.addressOf(socket.request) };
          next();
        },
        (error: unknown) => {
          if (!(error instanceof ChatLinkRefused))
            this.logger.error(`chat connection refused: ${String(error)}`);
          next(connectionRefusal(error));
        },
      );
    });
    namespace.on('connection', (socket: ChatSocket) => {
      this.welcome(socket).catch((error: Error) => {
        this.logger.error(`chat connection: ${error.message}`);
        socket.disconnect(true);
      });
    });
  }

  handleDisconnect(socket: ChatSocket): void {
    if (!socket.data?.ticketId) return;
    this.presence
      .left(socket.data.ticketId, socket.id)
      .catch((error: Error) => this.logger.warn(`chat presence: ${error.message}`));
  }

  @SubscribeMessage(CHAT_COMMANDS.send)
  async send(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<CommandAck<{ message: ChatMessage }>> {
    return answerCommand(
      this.logger,
      CHAT_COMMANDS.send,
      () => this.store(socket, body),
      'Your message could not be sent; please try again',
    );
  }

  @SubscribeMessage(CHAT_COMMANDS.seen)
  async seen(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<CommandAck<{ unsent: number }>> {
    const messageIds = (body as { messageIds?: unknown } | null)?.messageIds;
    if (
      !Array.isArray(messageIds) ||
      messageIds.length === 0 ||
      messageIds.length > CHAT_SEEN_MAX_IDS ||
      !messageIds.every((id) => isUUID(id))
    ) {
      return { ok: false, error: `messageIds: 1 to ${CHAT_SEEN_MAX_IDS} message ids (UUIDs)` };
    }
    return answerCommand(this.logger, CHAT_COMMANDS.seen, async () => ({
      ok: true,
      unsent: await stopRepliesSeenInChat(this.dataSource, socket.data.ticketId, messageIds as string[]),
    }));
  }

  private async welcome(socket: ChatSocket): Promise<void> {
    const { ticketId } = socket.data;
    await socket.join(chatRoom(ticketId));
    const conversation = await this.conversations.load(ticketId);
    if (conversation) socket.emit(CHAT_EVENTS.conversation, toChatConversation(conversation));
    socket.emit(CHAT_EVENTS.typing, await this.viewers.typingIn(ticketId));
    await this.presence.joined(ticketId, socket.id);
  }

  private async store(socket: ChatSocket, body: unknown): Promise<CommandAck<{ message: ChatMessage }>> {
    const { text, clientId } = (typeof body === 'object' && body !== null ? body : {}) as {
      text?: unknown;
      clientId?: unknown;
    };
    const problem =
      typeof text !== 'string' || !text.trim()
        ? 'text: write a message'
        : text.length > MAX_BODY_LENGTH
          ? `text: at most ${MAX_BODY_LENGTH.toLocaleString('en-US')} characters`
          : text.includes('\u0000')
            ? 'text: contains characters we cannot store'
            : clientId !== undefined && !isUUID(clientId)
              ? 'clientId: must be a UUID (the page’s id of this message)'
              : undefined;
    if (problem || typeof text !== 'string') return { ok: false, error: problem ?? 'text: write a message' };

    const { ticketId, address } = socket.data;
    const retryAfter = await chatSecondsToWait(this.throttle, this.config, address);
    if (retryAfter !== undefined) {
      return { ok: false, error: `Too many messages from your network: please wait ${retryAfter} s` };
    }
    const key = typeof clientId === 'string' ? sentKey(ticketId, clientId) : undefined;
    if (key) {
      const claimed = await this.redis.set(key, '', 'EX', SENT_TTL_SECONDS, 'NX');
      if (claimed === null) {
        const earlier = await this.redis.get(key);
        return earlier
          ? { ok: true, message: JSON.parse(earlier) as ChatMessage }
          : { ok: false, error: 'This message is still being sent' };
      }
    }
    try {
      const result = await this.dataSource.transaction((manager) =>
        this.addMessage.execute(manager, ticketId, buildMessageBody(text.trim(), 'text'), {
          reopenWindowDays: this.config.reopenWindowDays,
          reason: 'customer_chat',
        }),
      );
      if (result.kind === 'follow_up_required') {
        if (key) await this.redis.del(key);
        return { ok: false, error: 'This chat is closed and takes no more messages: please start a new one' };
      }
      const message: ChatMessage = {
        id: result.messageId,
        from: 'customer',
        agentName: null,
        at: new Date(),
        text: text.trim(),
      };
      if (key) await this.redis.set(key, JSON.stringify(message), 'EX', SENT_TTL_SECONDS);
      return { ok: true, message };
    } catch (error) {
      if (key) await this.redis.del(key).catch(() => undefined);
      throw error;
    }
  }

  /** The ticket a chat token opens, or an error whose message the page shows. */
  private async ticketOf(token: unknown): Promise<string> {
    if (typeof token !== 'string' || !token)
      throw new ChatLinkRefused('auth.token: the link to the chat is missing');
    const link = this.links.ticketOf(token);
    if ('refused' in link) {
      throw new ChatLinkRefused(
        link.refused === 'expired' ? 'This link has expired' : 'This link does not work',
      );
    }
    const conversation = await this.conversations.load(link.ticketId);
    if (!conversation) throw new ChatLinkRefused('This link does not work');
    if (!this.links.survives(link.issuedAt, conversation.linksResetAt)) {
      throw new ChatLinkRefused('This link has been replaced');
    }
    return link.ticketId;
  }
}
