import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, publicPage, Public } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { MAX_BODY_LENGTH } from '../create-ticket/create-ticket.dto';
import { AddCustomerMessageUseCase } from '../customer-messages/customer-message.usecases';
import { buildMessageBody } from '../message-body/message-body';
import { secondsToWait, sendPage } from '../public-pages/public-responses';
import { RequestConversation, RequestConversationQuery } from './request-conversation.query';
import { RequestLinks } from './request-links';
import { requestLinkPage, requestPage } from './request-pages';

type Loaded = { ticketId: string; conversation: RequestConversation } | { status: number; page: string };

/**
 * A customer's request page at PUBLIC_URL/requests/<token> (the link in the acknowledgement
 * email; no login): the ticket's status and public conversation, and a form that adds a
 * customer message exactly as an email reply does — it reopens a solved ticket within
 * REOPEN_WINDOW_DAYS, and a closed one takes no more (write again instead). Messages per client
 * address are limited like the contact form's (CONTACT_FORM_RATE_LIMIT per
 * CONTACT_FORM_RATE_WINDOW_SECONDS, counted separately). A forged or mistyped link is a 404
 * page, an expired one or one made before the ticket's links were reset a 410.
 */
@ApiExcludeController()
@Public()
@Controller('requests')
export class RequestPageController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly links: RequestLinks,
    private readonly conversations: RequestConversationQuery,
    private readonly addMessage: AddCustomerMessageUseCase,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('added') added: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const loaded = await this.load(token);
    if ('page' in loaded) return this.page(reply.status(loaded.status), loaded.page);
    return this.page(
      reply,
      requestPage(loaded.conversation, { action: `/requests/${token}`, added: added === '1', token }),
    );
  }

  /** What an open page polls: whether the conversation changed since it was shown. */
  @Get(':token/state')
  async state(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: string; status: string } | { message: string }> {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const loaded = await this.load(token);
    if ('page' in loaded) {
      reply.status(loaded.status);
      return { message: loaded.status === 410 ? 'This link no longer works' : 'This link does not work' };
    }
    return { version: loaded.conversation.version, status: loaded.conversation.status };
  }

  @Post(':token')
  @HttpCode(303)
  async add(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const loaded = await this.load(token);
    if ('page' in loaded) return this.page(reply.status(loaded.status), loaded.page);
    const retryAfter = await secondsToWait(this.throttle, this.config, 'request-page', address);
    if (retryAfter !== undefined) {
      reply.status(429).header('retry-after', String(retryAfter));
      return this.page(
        reply,
        publicPage(
          'Please try again later',
          '<p>We have received several messages from your network in a short time. Please try again later, or reply to our email.</p>',
        ),
      );
    }

    const action = `/requests/${token}`;
    const message = typeof body?.message === 'string' ? body.message.trim() : '';
    const problem = !message
      ? 'Please write your message.'
      : message.length > MAX_BODY_LENGTH
        ? `Please use at most ${MAX_BODY_LENGTH.toLocaleString('en-US')} characters.`
        : message.includes('\u0000')
          ? 'This contains characters we cannot store.'
          : undefined;
    if (problem) {
      reply.status(400);
      return this.page(reply, requestPage(loaded.conversation, { action, message, problem, token }));
    }
    const result = await this.dataSource.transaction((manager) =>
      this.addMessage.execute(manager, loaded.ticketId, buildMessageBody(message, 'text'), {
        reopenWindowDays: this.config.reopenWindowDays,
        reason: 'customer_web',
      }),
    );
    if (result.kind === 'follow_up_required') {
      const now = await this.conversations.load(loaded.ticketId);
      reply.status(409);
      return this.page(
        reply,
        requestPage(now ?? loaded.conversation, {
          action,
          message,
          problem: 'This request is closed and takes no more messages.',
          token,
        }),
      );
    }
    // Post/redirect/get: reloading the page does not send the message twice.
    reply.header('location', `${action}?added=1`);
    return '';
  }

  private async load(token: string): Promise<Loaded> {
    const link = this.links.ticketOf(token);
    if ('refused' in link) {
      return { status: link.refused === 'expired' ? 410 : 404, page: requestLinkPage(link.refused) };
    }
    const conversation = await this.conversations.load(link.ticketId);
    if (!conversation) return { status: 404, page: requestLinkPage('invalid') };
    if (!this.links.survives(link.issuedAt, conversation.linksResetAt)) {
      return { status: 410, page: requestLinkPage('replaced') };
    }
    return { ticketId: link.ticketId, conversation };
  }

  /** Sends a page. Its address holds the token: no Referer may carry it to a linked site. */
  private page(reply: FastifyReply, html: string): string {
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, html);
  }
}
