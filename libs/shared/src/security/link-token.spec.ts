import { LinkTokenSigner } from './link-token';

const TICKET = '0e9f4d8c-2b1a-4c3d-8e7f-6a5b4c3d2e1f';
const NOW = new Date('2026-11-26T12:00:00Z');
const IN_A_DAY = Math.floor(NOW.getTime() / 1000) + 86_400;

describe('LinkTokenSigner', () => {
  const requests = new LinkTokenSigner('r1', 1, 's'.repeat(32));

  it('round-trips its ids and expiry in a short token', () => {
    const token = requests.sign([TICKET], IN_A_DAY);
    expect(token).toMatch(/^r1\.[\w-]{27}\.[\w-]{22}$/);
    expect(requests.verify(token, NOW)).toEqual({ valid: true, ids: [TICKET], expiresAt: IN_A_DAY });
  });

  it('refuses an expired token, and one kind of link for another even with the same secret', () => {
    const token = requests.sign([TICKET], IN_A_DAY);
    expect(requests.verify(token, new Date((IN_A_DAY + 1) * 1000))).toEqual({
      valid: false,
      reason: 'expired',
    });
    const other = new LinkTokenSigner('x1', 1, 's'.repeat(32));
    expect(other.verify(token, NOW)).toEqual({ valid: false, reason: 'malformed' });
    expect(other.verify(`x1${token.slice(2)}`, NOW)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('signs exactly the number of ids it was made for', () => {
    expect(() => requests.sign([TICKET, TICKET], IN_A_DAY)).toThrow(/holds 1 id/);
    expect(() => requests.sign(['not-a-uuid'], IN_A_DAY)).toThrow(/not a UUID/);
  });
});
