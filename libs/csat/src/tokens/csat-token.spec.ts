import { CsatTokenSigner } from './csat-token';

const SURVEY = {
  surveyId: '5b0c3f0e-8f7e-4b7e-9a55-1e0b0b5a1c01',
  ticketId: '0e9f4d8c-2b1a-4c3d-8e7f-6a5b4c3d2e1f',
};
const NOW = new Date('2026-11-25T12:00:00Z');

describe('CsatTokenSigner', () => {
  const signer = new CsatTokenSigner('x'.repeat(32), 30);

  it('verifies its own tokens and returns the survey and ticket they are bound to', () => {
    const check = signer.verify(signer.sign(SURVEY, NOW), NOW);
    expect(check).toEqual({
      valid: true,
      claims: { ...SURVEY, expiresAt: Math.floor(NOW.getTime() / 1000) + 30 * 86_400 },
    });
  });

  it('rejects a token whose claims were changed to another ticket', () => {
    const [version, claims, mac] = signer.sign(SURVEY, NOW).split('.');
    const bytes = Buffer.from(claims, 'base64url');
    Buffer.from('11111111111141118111111111111111', 'hex').copy(bytes, 16);
    const forged = bytes.toString('base64url');
    expect(signer.verify(`${version}.${forged}.${mac}`, NOW)).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a flipped signature character, a token from another secret and garbage', () => {
    const token = signer.sign(SURVEY, NOW);
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
    expect(signer.verify(flipped, NOW).valid).toBe(false);
    expect(new CsatTokenSigner('y'.repeat(32), 30).verify(token, NOW)).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    for (const garbage of ['', 'c1', 'c1..', 'c2.abc.def', 'c1.abc.d$f', '../../etc']) {
      expect(signer.verify(garbage, NOW).valid).toBe(false);
    }
  });

  it('rejects another spelling of the signature that decodes to the same bytes', () => {
    // 16 bytes are 22 base64url characters; the last one carries 4 padding bits decoding ignores.
    for (let n = 0; n < 50; n += 1) {
      const [version, claims, mac] = signer
        .sign({ ...SURVEY, surveyId: `${SURVEY.surveyId.slice(0, -2)}${String(n).padStart(2, '0')}` }, NOW)
        .split('.');
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(mac.slice(-1));
      const sibling = alphabet[last ^ 1];
      expect(signer.verify(`${version}.${claims}.${mac.slice(0, -1)}${sibling}`, NOW).valid).toBe(false);
    }
  });

  it('expires after the TTL', () => {
    const token = signer.sign(SURVEY, NOW);
    expect(signer.verify(token, new Date(NOW.getTime() + 29 * 86_400_000)).valid).toBe(true);
    expect(signer.verify(token, new Date(NOW.getTime() + 30 * 86_400_000))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('keeps links short enough for a URL path parameter', () => {
    expect(signer.sign(SURVEY, NOW).length).toBeLessThan(100);
  });

  it('mints different tokens for different surveys', () => {
    expect(signer.sign(SURVEY, NOW)).not.toBe(
      signer.sign({ ...SURVEY, surveyId: '6b0c3f0e-8f7e-4b7e-9a55-1e0b0b5a1c01' }, NOW),
    );
  });
});
