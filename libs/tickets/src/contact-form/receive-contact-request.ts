import type { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';
import { secondsToWait, sendPage } from '../public-pages/public-responses';
import { chatSubject, ContactRequest, contactValues, readContactForm } from './contact-form';
import { contactBusyPage, contactFormPage, contactThanksPage } from './contact-pages';

/** What a posted contact or chat form comes to: a request to open, or the page that answers it. */
export type ReceivedContactRequest = { request: ContactRequest } | { page: string };

/**
 * What the contact form and the start of a web chat check before a ticket is opened: the
 * per-address limit (`429` with `Retry-After`), the fields (`400`, the form again with each
 * problem at its field; a chat's subject is its first line) and the bot trap (a filled-in hidden
 * field is thanked and dropped). Sets the reply's status for the page it returns.
 */
export async function receiveContactRequest(
  reply: FastifyReply,
  body: Record<string, unknown> | undefined,
  address: string,
  kind: 'contact' | 'chat',
  limits: { throttle: ThrottlerStorage; config: AppConfig },
): Promise<ReceivedContactRequest> {
  const retryAfter = await secondsToWait(limits.throttle, limits.config, 'contact-form', address);
  if (retryAfter !== undefined) {
    reply.status(429).header('retry-after', String(retryAfter));
    return { page: sendPage(reply, contactBusyPage(retryAfter)) };
  }
  const values = contactValues(body);
  if (kind === 'chat') values.subject = values.message ? chatSubject(values.message) : '';
  const read = readContactForm(values);
  if (!read.ok) {
    reply.status(400);
    return { page: sendPage(reply, contactFormPage(values, read.problems, kind)) };
  }
  const honeypot = typeof body?.website === 'string' && body.website.trim() !== '';
  if (honeypot) {
    // Answered as a real request would be, except that a chat has no page to go on to.
    if (kind === 'chat') reply.status(200);
    return { page: sendPage(reply, contactThanksPage(null, read.request.email)) };
  }
  return { request: read.request };
}
