import { Body, Controller, Get, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, Public } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { contactValues, readContactForm } from './contact-form';
import { contactBusyPage, contactFormPage, contactThanksPage } from './contact-pages';
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
    return this.page(reply, contactFormPage(contactValues(undefined)));
  }

  @Post()
  @HttpCode(201)
  async submit(
    @Body() body: Record<string, unknown> | undefined,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const windowMs = this.config.contactFormRateWindowSeconds * 1000;
    const limit = await this.throttle.increment(
      `contact-form:${address}`,
      windowMs,
      this.config.contactFormRateLimit,
      windowMs,
      'contact-form',
    );
    if (limit.isBlocked) {
      const retryAfter = Math.max(1, limit.timeToBlockExpire);
      reply.status(429).header('retry-after', String(retryAfter));
      return this.page(reply, contactBusyPage(retryAfter));
    }
    const values = contactValues(body);
    const read = readContactForm(values);
    if (!read.ok) {
      reply.status(400);
      return this.page(reply, contactFormPage(values, read.problems));
    }
    const honeypot = typeof body?.website === 'string' && body.website.trim() !== '';
    if (honeypot) return this.page(reply, contactThanksPage(null, read.request.email));
    const { number } = await this.submitForm.execute(read.request);
    return this.page(reply, contactThanksPage(number, read.request.email));
  }

  /**
   * Sends a page as HTML. Set only with the page: an error thrown before it goes out as the API's
   * JSON error, which Fastify refuses to send under an HTML content type (a garbled 500).
   */
  private page(reply: FastifyReply, html: string): string {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }
}
