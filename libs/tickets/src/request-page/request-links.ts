import { Injectable } from '@nestjs/common';
import { AppConfig, LinkTokenSigner } from '@ledgerdesk/shared';

/** How long a request link works after it was sent. */
export const REQUEST_LINK_TTL_DAYS = 180;

export type RequestLinkCheck = { ticketId: string; issuedAt: Date } | { refused: 'expired' | 'invalid' };

/**
 * Links to a customer's request page (`PUBLIC_URL/requests/<token>`): the token is bound to one
 * ticket and expires after REQUEST_LINK_TTL_DAYS (`r1.…`, see LinkTokenSigner). Whoever holds
 * the link — the customer, from the acknowledgement email — sees the public conversation and can
 * add to it, like replying by email. An agent can reset a ticket's links (a `ticket.request_link_reset`
 * in its log): every link made before then stops working, the next email carries a new one.
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

  /** The ticket a token names and when the link was made, or why it does not name one any more. */
  ticketOf(token: string, now = new Date()): RequestLinkCheck {
    const check = this.tokens.verify(token, now);
    if (!check.valid) return { refused: check.reason === 'expired' ? 'expired' : 'invalid' };
    const issuedAt = new Date((check.expiresAt - REQUEST_LINK_TTL_DAYS * 86_400) * 1000);
    return { ticketId: check.ids[0], issuedAt };
  }

  /**
   * Whether a link made at `issuedAt` survived the ticket's latest reset. The token holds whole
   * seconds: a link made in the second of a reset counts as made after it, so that a reply sent
   * right after the reset carries a link that works (the link being stopped went out earlier).
   */
  survives(issuedAt: Date, lastResetAt: Date | null): boolean {
    return lastResetAt === null || issuedAt.getTime() >= Math.floor(lastResetAt.getTime() / 1000) * 1000;
  }
}
