import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkTokenCheck =
  | { valid: true; ids: string[]; expiresAt: number }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' };

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Tokens for links in emails that act without a login (a survey rating, a customer's request
 * page): `<version>.<claims>.<HMAC>`, base64url. The claims are a fixed number of UUIDs (16 bytes
 * each) and an expiry (4 bytes, seconds): a token cannot be forged, moved to another record, or
 * used once expired. The version names what the token is for, so one kind of link never passes
 * for another.
 */
export class LinkTokenSigner {
  private readonly claimsPattern: RegExp;

  constructor(
    private readonly version: string,
    private readonly idCount: number,
    private readonly secret: string,
  ) {
    this.claimsPattern = new RegExp(`^[\\w-]{${Math.ceil(((16 * idCount + 4) * 4) / 3)}}$`);
  }

  sign(ids: readonly string[], expiresAt: number): string {
    if (ids.length !== this.idCount)
      throw new TypeError(`a ${this.version} token holds ${this.idCount} id(s)`);
    const expiry = Buffer.alloc(4);
    expiry.writeUInt32BE(expiresAt);
    const claims = Buffer.concat([...ids.map(uuidBytes), expiry]).toString('base64url');
    return `${this.version}.${claims}.${this.mac(claims)}`;
  }

  verify(token: string, now = new Date()): LinkTokenCheck {
    const parts = token.split('.');
    if (
      parts.length !== 3 ||
      parts[0] !== this.version ||
      !this.claimsPattern.test(parts[1]) ||
      !/^[\w-]+$/.test(parts[2])
    ) {
      return { valid: false, reason: 'malformed' };
    }
    // Compare the text, not decoded bytes: base64url's last character carries padding bits that
    // decoding ignores, so two spellings of one MAC would otherwise both pass.
    const expected = Buffer.from(this.mac(parts[1]));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { valid: false, reason: 'bad_signature' };
    }
    const claims = Buffer.from(parts[1], 'base64url');
    const expiresAt = claims.readUInt32BE(16 * this.idCount);
    if (expiresAt * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
    const ids = Array.from({ length: this.idCount }, (_, index) =>
      uuidText(claims.subarray(16 * index, 16 * (index + 1))),
    );
    return { valid: true, ids, expiresAt };
  }

  private mac(claims: string): string {
    // 128 bits of HMAC-SHA256 keep the link short (Fastify limits a path parameter to 100 characters).
    return createHmac('sha256', this.secret)
      .update(`${this.version}.${claims}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
