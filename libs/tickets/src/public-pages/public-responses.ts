import type { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '@ledgerdesk/shared';
import { FastifyReply } from 'fastify';

/**
 * Counts one submission of a customers' public page (the contact form, a request page) for a
 * client address: CONTACT_FORM_RATE_LIMIT per CONTACT_FORM_RATE_WINDOW_SECONDS, in the throttler's
 * Redis storage, each page with its own counter. Returns the seconds to wait when over the limit.
 */
export function secondsToWait(
  throttle: ThrottlerStorage,
  config: AppConfig,
  counter: 'contact-form' | 'request-page',
  address: string,
): Promise<number | undefined> {
  return countAttempt(
    throttle,
    counter,
    address,
    config.contactFormRateLimit,
    config.contactFormRateWindowSeconds,
  );
}

/**
 * Counts one web-chat message for a client address: CHAT_MESSAGES_PER_MINUTE, in the same
 * storage. Returns the seconds to wait when over the limit.
 */
export function chatSecondsToWait(
  throttle: ThrottlerStorage,
  config: AppConfig,
  address: string,
): Promise<number | undefined> {
  return countAttempt(throttle, 'chat', address, config.chatMessagesPerMinute, 60);
}

async function countAttempt(
  throttle: ThrottlerStorage,
  counter: string,
  address: string,
  limit: number,
  windowSeconds: number,
): Promise<number | undefined> {
  const windowMs = windowSeconds * 1000;
  const attempt = await throttle.increment(`${counter}:${address}`, windowMs, limit, windowMs, counter);
  return attempt.isBlocked ? Math.max(1, attempt.timeToBlockExpire) : undefined;
}

/**
 * Sends a page as HTML, never cached. Set only with the page: an error thrown before it goes out
 * as the API's JSON error, which Fastify refuses to send under an HTML content type (a garbled 500).
 */
export function sendPage(reply: FastifyReply, html: string): string {
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
  return html;
}
