import { Injectable, Logger } from '@nestjs/common';
import { SenderAuthentication } from '@ledgerdesk/contracts';
import { AppConfig } from '@ledgerdesk/shared';
import { authenticate } from 'mailauth';
import { Resolver } from 'node:dns/promises';
import { isIPv4 } from 'node:net';
import { HeaderLine, relayVerdict } from './relay-results';
import { senderVerdict, unverified } from './sender-verdict';

/** The SMTP client that handed the message over, when it came over SMTP. */
export interface SmtpClient {
  ip: string;
  helo: string | null;
}

/** What the message says of itself, once parsed (null: it could not be read). */
export interface MessageHeaders {
  headerLines: readonly HeaderLine[];
  fromAddress: string | null;
}

/** A lookup that gets no answer in this long is a temperror; all checks together get the total. */
const DNS_TIMEOUT_MS = 2000;
const TOTAL_TIMEOUT_MS = 10_000;
/**
 * Answers (and "no such record") are kept this long, up to this many: SPF, DKIM and DMARC records
 * change rarely, and a burst of mail from one domain then asks once. A lookup that failed is not
 * kept.
 */
const DNS_CACHE_MS = 60_000;
const DNS_CACHE_ENTRIES = 10_000;
const ANSWERED = new Set(['ENOTFOUND', 'ENODATA']);

/** `::ffff:192.0.2.1`, as a dual-stack listener reports an IPv4 client, is 192.0.2.1 to SPF. */
const plainIp = (ip: string): string => {
  const mapped = /^::ffff:(.+)$/i.exec(ip)?.[1];
  return mapped && isIPv4(mapped) ? mapped : ip;
};

/**
 * Checks SPF (the SMTP client against the envelope sender's domain), DKIM and DMARC (the From
 * domain) of an inbound message when it is filed, with mailauth and the DNS servers of
 * MAIL_DNS_SERVERS (the system's by default). Mail fetched over IMAP has no SMTP client to check:
 * its SPF is `none` and DMARC rests on DKIM. Never throws: a check that cannot run is `none`.
 * Behind a relay that checked the mail already (MAIL_SENDER_AUTHENTICATION=relay), its
 * Authentication-Results are read instead (relay-results.ts): the desk's own SPF check would
 * judge the relay, not the sender.
 */
@Injectable()
export class SenderAuthenticator {
  private readonly logger = new Logger(SenderAuthenticator.name);
  private readonly resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
  private readonly answers = new Map<string, { until: number; answer: Promise<unknown> }>();

  constructor(private readonly config: AppConfig) {
    if (config.mailDnsServers.length > 0) this.resolver.setServers(config.mailDnsServers);
  }

  get enabled(): boolean {
    return this.config.mailSenderAuthentication !== 'off';
  }

  async check(
    raw: Buffer,
    envelopeFrom: string | null,
    client: SmtpClient | undefined,
    headers: MessageHeaders | null,
  ): Promise<SenderAuthentication | null> {
    if (!this.enabled) return null;
    if (this.config.mailSenderAuthentication === 'relay') return this.readRelayResults(client, headers);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${TOTAL_TIMEOUT_MS} ms`)),
        TOTAL_TIMEOUT_MS,
      );
    });
    try {
      const result = await Promise.race([
        authenticate(raw, {
          ip: client ? plainIp(client.ip) : undefined,
          helo: client?.helo ?? undefined,
          sender: envelopeFrom ?? undefined,
          mta: this.config.deskEmail.split('@')[1],
          resolver: (name, rrtype) => this.lookup(name, rrtype),
          disableArc: true,
          disableBimi: true,
        }),
        timeout,
      ]);
      const from = result.dkim.headerFrom?.[0] ?? null;
      const fromDomain = from?.includes('@') ? from.slice(from.lastIndexOf('@') + 1).toLowerCase() : null;
      // Without the SMTP client there is nothing for SPF to check (mailauth would check "undefined").
      return senderVerdict(client ? result : { ...result, spf: false }, fromDomain);
    } catch (error) {
      const reason = `sender checks could not run: ${(error as Error).message}`;
      this.logger.warn(reason);
      return unverified(reason);
    } finally {
      clearTimeout(timer);
    }
  }

  private readRelayResults(
    client: SmtpClient | undefined,
    headers: MessageHeaders | null,
  ): SenderAuthentication {
    const from = headers?.fromAddress ?? null;
    const fromDomain = from?.includes('@') ? from.slice(from.lastIndexOf('@') + 1).toLowerCase() : null;
    return relayVerdict(
      headers?.headerLines ?? [],
      fromDomain,
      {
        authservIds: this.config.mailTrustedAuthservIds,
        relayIps: this.config.mailTrustedRelayIps.map(plainIp),
      },
      client ? plainIp(client.ip) : null,
    );
  }

  private lookup(name: string, rrtype: string): Promise<unknown> {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const now = Date.now();
    const cached = this.answers.get(key);
    if (cached && cached.until > now) return cached.answer;
    const answer = this.resolver.resolve(name, rrtype);
    this.answers.delete(key);
    this.answers.set(key, { until: now + DNS_CACHE_MS, answer });
    answer.catch((error: NodeJS.ErrnoException) => {
      if (!ANSWERED.has(error.code ?? '')) this.answers.delete(key);
    });
    // The oldest entries go first (a Map keeps insertion order).
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= DNS_CACHE_ENTRIES) break;
      this.answers.delete(oldest);
    }
    return answer;
  }
}
