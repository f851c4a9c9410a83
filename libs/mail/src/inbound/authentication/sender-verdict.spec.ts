import { authenticate } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign';
import { generateKeyPairSync } from 'node:crypto';
import { senderVerdict } from './sender-verdict';

/** Real mailauth checks; DNS answers come from this table instead of the network. */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const TXT: Record<string, string> = {
  // Publishes DMARC: only 192.0.2.1 sends its mail, and it signs it.
  'strict.example': 'v=spf1 ip4:192.0.2.1 -all',
  '_dmarc.strict.example': 'v=DMARC1; p=reject',
  'sel._domainkey.strict.example': dkimRecord,
  // No DMARC: SPF and DKIM only.
  'plain.example': 'v=spf1 ip4:192.0.2.1 -all',
  'sel._domainkey.plain.example': dkimRecord,
  'sel._domainkey.mailer.example': dkimRecord,
};
const resolver = (name: string, rrtype: string): Promise<string[][]> => {
  const record = rrtype === 'TXT' ? TXT[name] : undefined;
  if (record) return Promise.resolve([[record]]);
  return Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));
};

const message = (from: string, body = 'Please refund invoice INV-1042.'): string =>
  [
    `From: Pat <${from}>`,
    'To: billing@desk.example',
    'Subject: Refund',
    'Message-ID: <1@x>',
    '',
    body,
    '',
  ].join('\r\n');
const signed = async (text: string, signingDomain: string): Promise<string> =>
  (
    await dkimSign(text, {
      signatureData: [
        { signingDomain, selector: 'sel', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) },
      ],
    })
  ).signatures + text;

async function verdictOf(raw: string, ip: string, sender: string) {
  const result = await authenticate(Buffer.from(raw), {
    ip,
    sender,
    helo: 'client.example',
    mta: 'desk.example',
    resolver,
    disableArc: true,
    disableBimi: true,
  });
  return senderVerdict(result, sender.split('@')[1]);
}

describe('senderVerdict', () => {
  it('passes a message its domain signed, even from an address SPF does not list (DMARC by DKIM)', async () => {
    const verdict = await verdictOf(
      await signed(message('pat@strict.example'), 'strict.example'),
      '127.0.0.1',
      'pat@strict.example',
    );
    expect(verdict).toMatchObject({
      verdict: 'pass',
      dmarc: 'pass',
      dkim: 'pass',
      spf: 'fail',
      dmarcPolicy: 'reject',
      fromDomain: 'strict.example',
    });
  });

  it('fails an unsigned message from an address the domain does not list (spoofed)', async () => {
    const verdict = await verdictOf(message('pat@strict.example'), '127.0.0.1', 'pat@strict.example');
    expect(verdict).toMatchObject({ verdict: 'fail', dmarc: 'fail', dkim: 'none', spf: 'fail' });
    expect(verdict.reason).toContain('does not designate 127.0.0.1');
  });

  it('fails a signed message whose body was changed on the way', async () => {
    const tampered = (await signed(message('pat@strict.example'), 'strict.example')).replace(
      'INV-1042',
      'INV-9999',
    );
    const verdict = await verdictOf(tampered, '127.0.0.1', 'pat@strict.example');
    expect(verdict).toMatchObject({ verdict: 'fail', dmarc: 'fail' });
    expect(verdict.dkim).not.toBe('pass');
  });

  it('without DMARC: passes on an aligned SPF or DKIM pass, fails on an SPF fail of the From domain', async () => {
    expect(await verdictOf(message('pat@plain.example'), '192.0.2.1', 'pat@plain.example')).toMatchObject({
      verdict: 'pass',
      spf: 'pass',
      dmarc: 'none',
    });
    expect(
      await verdictOf(
        await signed(message('pat@plain.example'), 'plain.example'),
        '127.0.0.1',
        'pat@plain.example',
      ),
    ).toMatchObject({ verdict: 'pass', dkim: 'pass', spf: 'fail' });
    expect(await verdictOf(message('pat@plain.example'), '127.0.0.1', 'pat@plain.example')).toMatchObject({
      verdict: 'fail',
      spf: 'fail',
      dkim: 'none',
    });
  });

  it("does not count another domain's signature for the From domain", async () => {
    const verdict = await verdictOf(
      await signed(message('pat@plain.example'), 'mailer.example'),
      '127.0.0.1',
      'pat@plain.example',
    );
    expect(verdict).toMatchObject({ verdict: 'fail', dkim: 'pass', spf: 'fail' });
    const elsewhere = await verdictOf(
      await signed(message('pat@unknown.example'), 'mailer.example'),
      '127.0.0.1',
      'pat@unknown.example',
    );
    expect(elsewhere).toMatchObject({ verdict: 'none', spf: 'none', dmarc: 'none' });
  });

  it('says none for a domain without any records', async () => {
    expect(await verdictOf(message('pat@unknown.example'), '127.0.0.1', 'pat@unknown.example')).toMatchObject(
      { verdict: 'none', spf: 'none', dkim: 'none', dmarc: 'none', dmarcPolicy: null },
    );
  });
});
