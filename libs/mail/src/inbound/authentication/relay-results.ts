import { SenderAuthentication } from '@ledgerdesk/contracts';
import parseStructuredHeader from 'mailauth/lib/parse-dkim-headers';
import { organisation, SenderChecks, unverified, verdictOf } from './sender-verdict';

/** A header field of the message as it arrived, topmost first (mailparser's `headerLines`). */
export interface HeaderLine {
  key: string;
  line: string;
}

export interface RelayTrust {
  /** Authserv-ids (lower case) whose Authentication-Results are trusted. */
  authservIds: readonly string[];
  /** SMTP clients allowed to hand over mail carrying them; empty: any. */
  relayIps: readonly string[];
}

const domainOf = (value: unknown): string => {
  const text = typeof value === 'string' ? value : '';
  return text.slice(text.lastIndexOf('@') + 1).toLowerCase();
};
const property = (info: Record<string, unknown> | undefined, ptype: string, name: string): unknown =>
  (info?.[ptype] as Record<string, unknown> | undefined)?.[name];

/**
 * The sender checks a trusted relay in front of the desk (a mailbox provider, an inbound mail
 * service) recorded in its Authentication-Results header (RFC 8601). Only the topmost such field
 * counts: the relay adds its own above everything the sender wrote, so a field further down may be
 * forged. It counts only when its authserv-id is trusted and, over SMTP, when the relay itself
 * handed the message over (`relayIps`): anyone else reaching the desk's port could write one.
 */
export function relayVerdict(
  headerLines: readonly HeaderLine[],
  fromDomain: string | null,
  trust: RelayTrust,
  smtpClientIp: string | null,
): SenderAuthentication {
  const none = (reason: string): SenderAuthentication => unverified(reason, fromDomain);
  if (smtpClientIp !== null && trust.relayIps.length > 0 && !trust.relayIps.includes(smtpClientIp)) {
    return none(
      `delivered by ${smtpClientIp}, not by a trusted relay: its Authentication-Results are not read`,
    );
  }
  const field = headerLines.find((header) => header.key === 'authentication-results');
  if (!field) return none(`no Authentication-Results header from ${trust.authservIds.join(' or ')}`);
  const results = parseStructuredHeader(field.line).parsed;
  const authservId = (results.value ?? '').split(/\s+/)[0].toLowerCase();
  if (!trust.authservIds.includes(authservId)) {
    return none(
      `the topmost Authentication-Results is by ${JSON.stringify(authservId)}, not by ${trust.authservIds.join(' or ')}`,
    );
  }
  const aligned = (domain: string): boolean =>
    !!fromDomain && !!domain && organisation(domain) === organisation(fromDomain);
  const checks: SenderChecks = {
    spf: results.spf
      ? {
          result: results.spf.value.toLowerCase(),
          domain: domainOf(
            property(results.spf, 'smtp', 'mailfrom') ?? property(results.spf, 'smtp', 'helo'),
          ),
          comment: results.spf.comment,
        }
      : { result: 'none', domain: '' },
    dkim: (results.dkim ?? []).map((signature) => ({
      result: signature.value.toLowerCase(),
      aligned: aligned(domainOf(property(signature, 'header', 'd') ?? property(signature, 'header', 'i'))),
      comment: signature.comment,
    })),
    dmarc: results.dmarc
      ? {
          result: results.dmarc.value.toLowerCase(),
          policy: /\bp=(\w+)/i.exec(results.dmarc.comment ?? '')?.[1]?.toLowerCase() ?? null,
          comment: results.dmarc.comment,
        }
      : null,
  };
  return verdictOf(checks, fromDomain, `checked by ${authservId}: `);
}
