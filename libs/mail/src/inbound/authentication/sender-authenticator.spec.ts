import { AppConfig } from '@ledgerdesk/shared';
import { SenderAuthenticator } from './sender-authenticator';

const RAW = Buffer.from(
  'From: Pat <pat@acme.example>\r\nTo: billing@desk.example\r\nSubject: Hi\r\n\r\nHello\r\n',
);

describe('SenderAuthenticator', () => {
  it('checks nothing with MAIL_SENDER_AUTHENTICATION=off', async () => {
    const off = new SenderAuthenticator(AppConfig.fromEnvironment({ MAIL_SENDER_AUTHENTICATION: 'off' }));
    expect(
      await off.check(RAW, 'pat@acme.example', { ip: '192.0.2.1', helo: 'mx.acme.example' }, null),
    ).toBeNull();
  });

  it('says none, naming why, when no DNS server answers', async () => {
    // Loopback's discard port refuses at once: every lookup is a temperror.
    const unreachable = new SenderAuthenticator(
      AppConfig.fromEnvironment({ MAIL_DNS_SERVERS: '127.0.0.1:9' }),
    );
    const checks = await unreachable.check(
      RAW,
      'pat@acme.example',
      { ip: '::ffff:192.0.2.1', helo: null },
      null,
    );
    expect(checks).toMatchObject({ verdict: 'none', fromDomain: 'acme.example', spf: 'temperror' });
  });

  it('checks mail fetched over IMAP without an SMTP client: no SPF, DMARC by DKIM alone', async () => {
    const unreachable = new SenderAuthenticator(
      AppConfig.fromEnvironment({ MAIL_DNS_SERVERS: '127.0.0.1:9' }),
    );
    const checks = await unreachable.check(RAW, null, undefined, null);
    expect(checks).toMatchObject({ verdict: 'none', fromDomain: 'acme.example', spf: 'none', dkim: 'none' });
    expect(checks?.reason).toContain('SPF none (no SMTP client to check: fetched from a mailbox)');
  });

  describe('behind a trusted relay (MAIL_SENDER_AUTHENTICATION=relay)', () => {
    const relay = new SenderAuthenticator(
      AppConfig.fromEnvironment({
        MAIL_SENDER_AUTHENTICATION: 'relay',
        MAIL_TRUSTED_AUTHSERV_IDS: 'MX.Relay.Example',
        MAIL_TRUSTED_RELAY_IPS: '192.0.2.25',
        // Unreachable: reading the relay's results must not ask DNS.
        MAIL_DNS_SERVERS: '127.0.0.1:9',
      }),
    );
    const headers = (...results: string[]) => ({
      headerLines: [
        ...results.map((line) => ({ key: 'authentication-results', line })),
        { key: 'from', line: 'From: Pat <pat@acme.example>' },
      ],
      fromAddress: 'pat@acme.example',
    });

    it("takes the relay's DMARC verdict, and names who checked", async () => {
      const checks = await relay.check(
        RAW,
        'pat@acme.example',
        { ip: '::ffff:192.0.2.25', helo: 'mx.relay.example' },
        headers(
          'Authentication-Results: mx.relay.example; dkim=pass header.d=acme.example; spf=pass smtp.mailfrom=pat@acme.example; dmarc=pass (p=REJECT sp=REJECT) header.from=acme.example',
        ),
      );
      expect(checks).toMatchObject({
        verdict: 'pass',
        spf: 'pass',
        dkim: 'pass',
        dmarc: 'pass',
        dmarcPolicy: 'reject',
      });
      expect(checks?.reason).toMatch(/^checked by mx\.relay\.example: DMARC pass/);
    });

    it('refuses results the relay did not write: further down, by another host, or from another client', async () => {
      const forged =
        'Authentication-Results: mx.relay.example; dmarc=pass header.from=acme.example; dkim=pass header.d=acme.example';
      const byRelay = { ip: '192.0.2.25', helo: null };
      // The relay's own field is the topmost; a forged one below it is not read.
      expect(
        await relay.check(
          RAW,
          null,
          byRelay,
          headers(
            'Authentication-Results: mx.relay.example; dmarc=fail (p=reject) header.from=acme.example',
            forged,
          ),
        ),
      ).toMatchObject({ verdict: 'fail', dmarc: 'fail', dmarcPolicy: 'reject' });
      const otherHost = await relay.check(
        RAW,
        null,
        byRelay,
        headers('Authentication-Results: mx.evil.example; dmarc=pass header.from=acme.example', forged),
      );
      expect(otherHost).toMatchObject({ verdict: 'none', dmarc: 'none' });
      expect(otherHost?.reason).toBe(
        'the topmost Authentication-Results is by "mx.evil.example", not by mx.relay.example',
      );
      const direct = await relay.check(RAW, null, { ip: '203.0.113.9', helo: null }, headers(forged));
      expect(direct).toMatchObject({ verdict: 'none' });
      expect(direct?.reason).toContain('delivered by 203.0.113.9, not by a trusted relay');
      const none = await relay.check(RAW, null, byRelay, headers());
      expect(none?.reason).toBe('no Authentication-Results header from mx.relay.example');
    });

    it('judges alignment itself where the domain publishes no DMARC, as DMARC would', async () => {
      const fetched = undefined; // over IMAP: the mailbox provider is the relay
      const thirdParty = await relay.check(
        RAW,
        null,
        fetched,
        headers(
          'Authentication-Results: mx.relay.example; dkim=pass header.d=mailer.example; spf=pass smtp.mailfrom=bounce@mailer.example; dmarc=none',
        ),
      );
      expect(thirdParty).toMatchObject({ verdict: 'none', dkim: 'pass', spf: 'pass', dmarc: 'none' });
      const ownDomain = await relay.check(
        RAW,
        null,
        fetched,
        headers(
          'Authentication-Results: mx.relay.example; dkim=pass header.i=@mail.acme.example; dmarc=none',
        ),
      );
      expect(ownDomain).toMatchObject({ verdict: 'pass', dkim: 'pass' });
      const spoofed = await relay.check(
        RAW,
        null,
        fetched,
        headers(
          'Authentication-Results: mx.relay.example; spf=fail smtp.mailfrom=pat@acme.example; dkim=none',
        ),
      );
      expect(spoofed).toMatchObject({ verdict: 'fail', spf: 'fail' });
    });

    it('refuses to start without the name of the relay to trust, or with a bad address', () => {
      expect(() => AppConfig.fromEnvironment({ MAIL_SENDER_AUTHENTICATION: 'relay' })).toThrow(
        /MAIL_TRUSTED_AUTHSERV_IDS: required when MAIL_SENDER_AUTHENTICATION=relay/,
      );
      expect(() =>
        AppConfig.fromEnvironment({
          MAIL_SENDER_AUTHENTICATION: 'relay',
          MAIL_TRUSTED_AUTHSERV_IDS: 'mx.relay.example',
          MAIL_TRUSTED_RELAY_IPS: '192.0.2.25, relay.example',
        }),
      ).toThrow(/MAIL_TRUSTED_RELAY_IPS: "relay.example" is not an IP address/);
    });
  });
});
