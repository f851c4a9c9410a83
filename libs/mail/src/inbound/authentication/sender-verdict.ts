import { SenderAuthentication } from '@ledgerdesk/contracts';
import type { AuthenticationResult } from 'mailauth';

const sameOrganisation = (a: string, b: string): boolean =>
  a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * What mailauth's results say about the From address (see SENDER_VERDICTS). DMARC decides when
 * the domain publishes it; without it an SPF or DKIM result counts only when it is for the From
 * domain (relaxed alignment), as DMARC would have judged it.
 */
export function senderVerdict(result: AuthenticationResult, fromDomain: string | null): SenderAuthentication {
  const spf = result.spf ? result.spf.status.result : 'none';
  const spfDomain = result.spf ? (result.spf.domain ?? '').toLowerCase() : '';
  const signatures = result.dkim.results;
  const aligned = (signingDomain: string | undefined): boolean =>
    !!fromDomain && !!signingDomain && sameOrganisation(signingDomain.toLowerCase(), fromDomain);
  const alignedPass = signatures.some(
    (signature) => signature.status.result === 'pass' && aligned(signature.signingDomain),
  );
  const dkim = alignedPass
    ? 'pass'
    : (signatures.find((signature) => signature.signingDomain)?.status.result ?? 'none');
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const dmarcPolicy = result.dmarc ? (result.dmarc.p ?? result.dmarc.policy ?? null) : null;
  const spfAligned = !!fromDomain && !!spfDomain && sameOrganisation(spfDomain, fromDomain);

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
