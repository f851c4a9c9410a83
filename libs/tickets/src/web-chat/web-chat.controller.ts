import { Body, Controller, Get, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, Public } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { contactValues } from '../contact-form/contact-form';
import { contactFormPage } from '../contact-form/contact-pages';
import { receiveContactRequest } from '../contact-form/receive-contact-request';
import { SubmitContactFormUseCase } from '../contact-form/submit-contact-form.usecase';
import { sendPage } from '../public-pages/public-responses';
import { RequestLinks } from '../request-page/request-links';
import { CHAT_CLIENT_SCRIPT } from './chat-client';

/**
 * The start of a web chat at PUBLIC_URL/chat (no login): the contact form's fields without a
 * subject. It opens a `chat` ticket exactly as the contact form opens a `web` one (same checks,
 * same rate limit, same acknowledgement email, whose link brings the customer back) and sends
 * the customer to the ticket's request page, which is the chat: live over the `/chat` socket
 * namespace, a plain form without JavaScript.
 */
@ApiExcludeController()
@Public()
@Controller('chat')
export class WebChatController {
  constructor(
    private readonly config: AppConfig,
    private readonly submitForm: SubmitContactFormUseCase,
    private readonly links: RequestLinks,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
  ) {}

  @Get()
  show(@Res({ passthrough: true }) reply: FastifyReply): string {
    return sendPage(reply, contactFormPage(contactValues(undefined), {}, 'chat'));
  }

  @Get('client.js')
  client(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300');
    return CHAT_CLIENT_SCRIPT;
  }

  @Post()
  @HttpCode(303)
  async start(
    @Body() body: Record<string, unknown> | undefined,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const received = await receiveContactRequest(reply, body, address, 'chat', {
      throttle: this.throttle,
      config: this.config,
    });
    if ('page' in received) return received.page;
    const { ticketId } = await this.submitForm.execute(received.request, 'chat');
    // Post/redirect/get to the chat itself; the token is the customer's key to it.
    reply
      .header('location', new URL(this.links.urlFor(ticketId)).pathname)
      .header('referrer-policy', 'no-referrer');
    return '';
  }
}
