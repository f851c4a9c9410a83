import { SenderAuthentication } from '@ledgerdesk/contracts';
import type { AuthenticationResult } from 'mailauth';
import { getDomain } from 'tldts';

/** The registered domain (public suffix list): DMARC's relaxed alignment compares these. */
const organisation = (domain: string): string => getDomain(domain) ?? domain;

/**
 * What mailauth's results say about the From address (see SENDER_VERDICTS). DMARC decides when
 * the domain publishes it; without it an SPF or DKIM result counts only when it is for the From
 * domain (relaxed alignment), as DMARC would have judged it.
 */
export function senderVerdict(result: AuthenticationResult, fromDomain: string | null): SenderAuthentication {
  const spf = result.spf ? result.spf.status.result : 'none';
  const spfDomain = result.spf ? (result.spf.domain ?? '').toLowerCase() : '';
  const signatures = result.dkim.results;
  // mailauth marks each signature aligned with the From domain or not, DMARC record or none.
  const alignedPass = signatures.some(
    (signature) => signature.status.result === 'pass' && !!signature.status.aligned,
  );
  const dkim = alignedPass
    ? 'pass'
    : (signatures.find((signature) => signature.signingDomain)?.status.result ?? 'none');
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const dmarcPolicy = result.dmarc ? (result.dmarc.p ?? result.dmarc.policy ?? null) : null;
  const spfAligned = !!fromDomain && !!spfDomain && organisation(spfDomain) === organisation(fromDomain);

  let verdict: SenderAuthentication['verdict'] = 'none';
  if (dmarc === 'pass' || dmarc === 'fail') verdict = dmarc;
  else if (dmarc === 'none') {
    if (alignedPass || (spf === 'pass' && spfAligned)) verdict = 'pass';
    else if (spf === 'fail' && spfAligned) verdict = 'fail';
  }
  const comments = [
    result.dmarc && result.dmarc.status.comment
      ? `DMARC ${dmarc} (${result.dmarc.status.comment})`
      : `DMARC ${dmarc}`,
    result.spf
      ? `SPF ${spf}${result.spf.status.comment ? ` (${result.spf.status.comment})` : ''}`
      : 'SPF none (no SMTP client to check: fetched from a mailbox)',
    `DKIM ${dkim}${signatures[0]?.status.comment ? ` (${signatures[0].status.comment})` : ''}`,
  ];
  return { verdict, fromDomain, spf, dkim, dmarc, dmarcPolicy, reason: comments.join('; ') };
}
