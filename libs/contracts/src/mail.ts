/**
 * What the desk could tell about who sent an inbound email:
 * - `pass`: the From domain vouches for it (DMARC pass, or without a DMARC record an SPF or DKIM
 *   pass for that domain);
 * - `fail`: the From domain says it did not send it (DMARC fail, or without a DMARC record an SPF
 *   fail and no valid DKIM signature of that domain) — likely spoofed;
 * - `none`: nothing to tell by (no records, a DNS error, a message that could not be read).
 */
export const SENDER_VERDICTS = ['pass', 'fail', 'none'] as const;
export type SenderVerdict = (typeof SENDER_VERDICTS)[number];

/** SPF, DKIM and DMARC of an inbound email, checked when it arrived. */
export interface SenderAuthentication {
  verdict: SenderVerdict;
  /** The domain of the From address. */
  fromDomain: string | null;
  /** RFC 8601 results: pass, fail, softfail, neutral, none, temperror, permerror. */
  spf: string;
  dkim: string;
  dmarc: string;
  /** The From domain's DMARC policy (none, quarantine, reject) when it publishes one. */
  dmarcPolicy: string | null;
  /** Why, in words (the checks' own comments). */
  reason: string;
}
