import { Body, Controller, Get, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, Public } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { contactValues } from './contact-form';
import { contactFormPage, contactThanksPage } from './contact-pages';
import { sendPage } from '../public-pages/public-responses';
import { receiveContactRequest } from './receive-contact-request';
import { SubmitContactFormUseCase } from './submit-contact-form.usecase';

/**
 * The public contact form at PUBLIC_URL/contact (outside /api, no login): customers write in on
 * the web channel. A plain HTML form that works without JavaScript; a refused attempt shows the
 * form again with what was typed and each problem at its field (400). Requests per client
 * address are limited (`CONTACT_FORM_RATE_LIMIT` per `CONTACT_FORM_RATE_WINDOW_SECONDS`, counted
 * in the throttler's Redis storage: 429 with `Retry-After`); a filled-in hidden field (bots fill
 * every field) is thanked and dropped.
 */
@ApiExcludeController()
@Public()
@Controller('contact')
export class ContactFormController {
  constructor(
    private readonly config: AppConfig,
    private readonly submitForm: SubmitContactFormUseCase,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
  ) {}

  @Get()
  show(@Res({ passthrough: true }) reply: FastifyReply): string {
    return sendPage(reply, contactFormPage(contactValues(undefined)));
  }

  @Post()
  @HttpCode(201)
  async submit(
    @Body() body: Record<string, unknown> | undefined,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const received = await receiveContactRequest(reply, body, address, 'contact', {
      throttle: this.throttle,
      config: this.config,
    });
    if ('page' in received) return received.page;
    const { number } = await this.submitForm.execute(received.request);
    return sendPage(reply, contactThanksPage(number, received.request.email));
  }
}
