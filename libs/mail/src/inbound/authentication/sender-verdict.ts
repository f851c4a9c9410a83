import { SenderAuthentication } from '@ledgerdesk/contracts';
import type { AuthenticationResult } from 'mailauth';
import { getDomain } from 'tldts';

/** The registered domain (public suffix list): DMARC's relaxed alignment compares these. */
export const organisation = (domain: string): string => getDomain(domain) ?? domain;

/** SPF, DKIM and DMARC results of one message, whoever checked them (RFC 8601 result words). */
export interface SenderChecks {
  /** null: SPF was not checked (no SMTP client to check: fetched from a mailbox). */
  spf: { result: string; domain: string; comment?: string } | null;
  /** Every DKIM signature, and whether its domain aligns with the From domain. */
  dkim: { result: string; aligned: boolean; comment?: string }[];
  /** null: the From domain publishes no DMARC record, or it was not checked. */
  dmarc: { result: string; policy: string | null; comment?: string } | null;
}

/** Nothing to tell by: the checks could not run or their results cannot be trusted. */
export const unverified = (reason: string, fromDomain: string | null = null): SenderAuthentication => ({
  verdict: 'none',
  fromDomain,
  spf: 'none',
  dkim: 'none',
  dmarc: 'none',
  dmarcPolicy: null,
  reason,
});

/**
 * What the checks say about the From address (see SENDER_VERDICTS). DMARC decides when the
 * domain publishes it; without it an SPF or DKIM result counts only when it is for the From
 * domain (relaxed alignment), as DMARC would have judged it.
 */
export function verdictOf(
  checks: SenderChecks,
  fromDomain: string | null,
  checkedBy = '',
): SenderAuthentication {
  const spf = checks.spf ? checks.spf.result : 'none';
  const alignedPass = checks.dkim.some((signature) => signature.result === 'pass' && signature.aligned);
  const dkim = alignedPass ? 'pass' : (checks.dkim[0]?.result ?? 'none');
  const dmarc = checks.dmarc ? checks.dmarc.result : 'none';
  const spfAligned =
    !!fromDomain && !!checks.spf?.domain && organisation(checks.spf.domain) === organisation(fromDomain);

  let verdict: SenderAuthentication['verdict'] = 'none';
  if (dmarc === 'pass' || dmarc === 'fail') verdict = dmarc;
  else if (dmarc === 'none') {
    if (alignedPass || (spf === 'pass' && spfAligned)) verdict = 'pass';
    else if (spf === 'fail' && spfAligned) verdict = 'fail';
  }
  const withComment = (words: string, comment?: string): string =>
    comment ? `${words} (${comment})` : words;
  const comments = [
    withComment(`DMARC ${dmarc}`, checks.dmarc?.comment),
    checks.spf
      ? withComment(`SPF ${spf}`, checks.spf.comment)
      : 'SPF none (no SMTP client to check: fetched from a mailbox)',
    withComment(`DKIM ${dkim}`, checks.dkim[0]?.comment),
  ];
  return {
    verdict,
    fromDomain,
    spf,
    dkim,
    dmarc,
    dmarcPolicy: checks.dmarc?.policy ?? null,
    reason: checkedBy + comments.join('; '),
  };
}

/** The verdict on mailauth's own checks of a message. */
export function senderVerdict(result: AuthenticationResult, fromDomain: string | null): SenderAuthentication {
  return verdictOf(
    {
      spf: result.spf
        ? {
            result: result.spf.status.result,
            domain: (result.spf.domain ?? '').toLowerCase(),
            comment: result.spf.status.comment,
          }
        : null,
      // mailauth marks each signature aligned with the From domain or not, DMARC record or none.
      dkim: result.dkim.results.map((signature) => ({
        result: signature.status.result,
        aligned: !!signature.status.aligned,
        comment: signature.status.comment,
      })),
      dmarc: result.dmarc
        ? {
            result: result.dmarc.status.result,
            policy: result.dmarc.p ?? result.dmarc.policy ?? null,
            comment: result.dmarc.status.comment,
          }
        : null,
    },
    fromDomain,
  );
}
