import { SenderAuthentication } from '@ledgerdesk/contracts';
import { dkimSign } from 'mailauth/lib/dkim/sign';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import { InboundSmtpListener } from '../../apps/worker/src/mail-inbound/inbound-smtp.listener';
import { DnsServer, startDnsServer } from '../support/dns-server';
import { filedSenderChecks, MailRun, startMailRun, timelineMessages } from '../support/mail';
import { TestAgent } from '../support/test-app';

/**
 * SPF, DKIM and DMARC of inbound mail, end to end: messages over SMTP to the worker's listener,
 * the checks asking a real DNS server on loopback (MAIL_DNS_SERVERS), the result stored with the
 * message and shown by the ticket's mail API.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const DKIM_KEY = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const DNS_RECORDS = {
  // The customer's domain: only 192.0.2.10 sends its mail, signed; DMARC asks to reject the rest.
  'acme.example': 'v=spf1 ip4:192.0.2.10 -all',
  '_dmarc.acme.example': 'v=DMARC1; p=reject; rua=mailto:dmarc@acme.example',
  'mail._domainkey.acme.example': DKIM_KEY,
  // A small business whose mail leaves from this machine (SPF only, no DMARC).
  'corner-shop.example': 'v=spf1 ip4:127.0.0.1 -all',
};

describe('inbound email: who really sent it (SPF, DKIM, DMARC)', () => {
  let dns: DnsServer;
  let run: MailRun;
  let smtp: Transporter;
  let supervisor: TestAgent;

  beforeAll(async () => {
    dns = await startDnsServer(DNS_RECORDS);
    run = await startMailRun('mail_sender_auth', { MAIL_DNS_SERVERS: dns.address });
    supervisor = await run.testApp.agent('supervisor');
    const port = run.worker.get(InboundSmtpListener).port;
    smtp = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
  });

  afterAll(async () => {
    smtp?.close();
    await run?.stop();
    await dns?.close();
  });

  const message = (from: string, body: string): { raw: string; messageId: string } => {
    const messageId = `${randomUUID()}@${from.split('@')[1]}`;
    const raw = [
      `From: Pat Doe <${from}>`,
      'To: billing@desk.example',
      `Subject: Invoice ${messageId.slice(0, 6)}`,
      `Message-ID: <${messageId}>`,
      'Date: Wed, 25 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n');
    return { raw, messageId };
  };
  const signedByAcme = async (raw: string): Promise<string> => {
    const { signatures } = await dkimSign(raw, {
      signatureData: [
        {
          signingDomain: 'acme.example',
          selector: 'mail',
          privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        },
      ],
    });
    return signatures + raw;
  };
  const send = (from: string, raw: string) =>
    smtp.sendMail({ envelope: { from, to: ['billing@desk.example'] }, raw });

  const checksOf = async (messageId: string): Promise<SenderAuthentication | null> =>
    (await filedSenderChecks(run, supervisor, messageId)).checks;

  it('vouches for a message the customer’s domain signed, whatever machine relayed it', async () => {
    const { raw, messageId } = message('pat@acme.example', 'Please refund the duplicate charge on INV-1042.');
    await send('pat@acme.example', await signedByAcme(raw));
    expect(await checksOf(messageId)).toEqual({
      verdict: 'pass',
      fromDomain: 'acme.example',
      spf: 'fail',
      dkim: 'pass',
      dmarc: 'pass',
      dmarcPolicy: 'reject',
      reason: expect.stringContaining('DMARC pass'),
    });
  });

  it('flags an unsigned message in the customer’s name from a machine its domain does not list', async () => {
    const { raw, messageId } = message(
      'pat@acme.example',
      'Our bank changed: pay refunds to IBAN XX00 0000.',
    );
    await send('pat@acme.example', raw);
    const checks = await checksOf(messageId);
    expect(checks).toMatchObject({
      verdict: 'fail',
      spf: 'fail',
      dkim: 'none',
      dmarc: 'fail',
      dmarcPolicy: 'reject',
    });
    expect(checks?.reason).toContain('does not designate 127.0.0.1 as permitted sender');

    // The timeline marks the customer's message itself, where agents read it.
    const { ticketId } = await filedSenderChecks(run, supervisor, messageId);
    expect(await timelineMessages(run, supervisor, ticketId)).toEqual([
      expect.objectContaining({ kind: 'customer', sender: { verdict: 'fail', reason: checks?.reason } }),
    ]);
  });

  it('flags a signed message whose text was changed after signing', async () => {
    const { raw, messageId } = message('pat@acme.example', 'Please refund 12.00 EUR.');
    const tampered = (await signedByAcme(raw)).replace('12.00 EUR', '1200.00 EUR');
    await send('pat@acme.example', tampered);
    const checks = await checksOf(messageId);
    expect(checks).toMatchObject({ verdict: 'fail', dmarc: 'fail' });
    expect(checks?.dkim).not.toBe('pass');
  });

  it('vouches by SPF alone for a domain without DMARC', async () => {
    const { raw, messageId } = message('owner@corner-shop.example', 'Where is my receipt?');
    await send('owner@corner-shop.example', raw);
    expect(await checksOf(messageId)).toMatchObject({
      verdict: 'pass',
      spf: 'pass',
      dkim: 'none',
      dmarc: 'none',
    });
  });

  it('says nothing either way for a domain that publishes nothing', async () => {
    const { raw, messageId } = message('someone@no-records.example', 'Hello?');
    await send('someone@no-records.example', raw);
    expect(await checksOf(messageId)).toMatchObject({
      verdict: 'none',
      fromDomain: 'no-records.example',
      spf: 'none',
      dmarc: 'none',
      dmarcPolicy: null,
    });
  });
});
