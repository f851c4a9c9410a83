import { Injectable } from '@nestjs/common';
import { AppConfig, LinkTokenSigner } from '@ledgerdesk/shared';

/** How long a request link works after it was sent. */
export const REQUEST_LINK_TTL_DAYS = 180;

/**
 * Links to a customer's request page (`PUBLIC_URL/requests/<token>`): the token is bound to one
 * ticket and expires after REQUEST_LINK_TTL_DAYS (`r1.…`, see LinkTokenSigner). Whoever holds
 * the link — the customer, from the acknowledgement email — sees the public conversation and can
 * add to it, like replying by email.
 */
@Injectable()
export class RequestLinks {
  private readonly tokens: LinkTokenSigner;

  constructor(private readonly config: AppConfig) {
    this.tokens = new LinkTokenSigner('r1', 1, config.requestLinkSecret);
  }

  urlFor(ticketId: string, now = new Date()): string {
    const expiresAt = Math.floor(now.getTime() / 1000) + REQUEST_LINK_TTL_DAYS * 86_400;
    return `${this.config.publicUrl}/requests/${this.tokens.sign([ticketId], expiresAt)}`;
  }

  /** The ticket a token names, or why it does not name one any more. */
  ticketOf(token: string, now = new Date()): { ticketId: string } | { refused: 'expired' | 'invalid' } {
    const check = this.tokens.verify(token, now);
    if (check.valid) return { ticketId: check.ids[0] };
    return { refused: check.reason === 'expired' ? 'expired' : 'invalid' };
  }
}
