import { AppConfig } from '@ledgerdesk/shared';
import { SenderAuthenticator } from './sender-authenticator';

const RAW = Buffer.from(
  'From: Pat <pat@acme.example>\r\nTo: billing@desk.example\r\nSubject: Hi\r\n\r\nHello\r\n',
);

describe('SenderAuthenticator', () => {
  it('checks nothing with MAIL_SENDER_AUTHENTICATION=off', async () => {
    const off = new SenderAuthenticator(AppConfig.fromEnvironment({ MAIL_SENDER_AUTHENTICATION: 'off' }));
    expect(await off.check(RAW, 'pat@acme.example', { ip: '192.0.2.1', helo: 'mx.acme.example' })).toBeNull();
  });

  it('says none, naming why, when no DNS server answers', async () => {
    // Loopback's discard port refuses at once: every lookup is a temperror.
    const unreachable = new SenderAuthenticator(
      AppConfig.fromEnvironment({ MAIL_DNS_SERVERS: '127.0.0.1:9' }),
    );
    const checks = await unreachable.check(RAW, 'pat@acme.example', { ip: '::ffff:192.0.2.1', helo: null });
    expect(checks).toMatchObject({ verdict: 'none', fromDomain: 'acme.example', spf: 'temperror' });
  });

  it('checks mail fetched over IMAP without an SMTP client: no SPF, DMARC by DKIM alone', async () => {
    const unreachable = new SenderAuthenticator(
      AppConfig.fromEnvironment({ MAIL_DNS_SERVERS: '127.0.0.1:9' }),
    );
    const checks = await unreachable.check(RAW, null);
    expect(checks).toMatchObject({ verdict: 'none', fromDomain: 'acme.example', spf: 'none', dkim: 'none' });
    expect(checks?.reason).toContain('SPF none (no SMTP client to check: fetched from a mailbox)');
  });
});
