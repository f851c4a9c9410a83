import { LinkTokenSigner } from '@ledgerdesk/shared';

export interface CsatTokenClaims {
  surveyId: string;
  ticketId: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

export type CsatTokenCheck =
  | { valid: true; claims: CsatTokenClaims }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Survey link tokens (`c1.…`, see LinkTokenSigner): bound to one survey of one ticket, valid for
 * CSAT_TOKEN_TTL_DAYS.
 */
export class CsatTokenSigner {
  private readonly tokens: LinkTokenSigner;

  constructor(
    secret: string,
    private readonly ttlDays: number,
  ) {
    this.tokens = new LinkTokenSigner('c1', 2, secret);
  }

  sign(survey: { surveyId: string; ticketId: string }, now = new Date()): string {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.ttlDays * 86_400;
    return this.tokens.sign([survey.surveyId, survey.ticketId], expiresAt);
  }

  verify(token: string, now = new Date()): CsatTokenCheck {
    const check = this.tokens.verify(token, now);
    if (!check.valid) return check;
    const [surveyId, ticketId] = check.ids;
    return { valid: true, claims: { surveyId, ticketId, expiresAt: check.expiresAt } };
  }
}
