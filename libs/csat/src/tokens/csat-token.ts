import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CsatTokenClaims {
  surveyId: string;
  ticketId: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

export type CsatTokenCheck =
  | { valid: true; claims: CsatTokenClaims }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const VERSION = 'c1';

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
 * Survey link tokens: `c1.<claims>.<HMAC>`, base64url; the claims are the survey id, the ticket
 * id (16 bytes each) and the expiry (4 bytes, seconds). The claims bind the token to one
 * survey of one ticket and carry the expiry, so a token can neither be forged, nor moved to
 * another ticket, nor used after CSAT_TOKEN_TTL_DAYS.
 */
export class CsatTokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlDays: number,
  ) {}

  sign(survey: { surveyId: string; ticketId: string }, now = new Date()): string {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.ttlDays * 86_400;
    const expiry = Buffer.alloc(4);
    expiry.writeUInt32BE(expiresAt);
    const claims = Buffer.concat([uuidBytes(survey.surveyId), uuidBytes(survey.ticketId), expiry]).toString(
      'base64url',
    );
    return `${VERSION}.${claims}.${this.mac(claims)}`;
  }

  verify(token: string, now = new Date()): CsatTokenCheck {
    const parts = token.split('.');
    if (
      parts.length !== 3 ||
      parts[0] !== VERSION ||
      !/^[\w-]{48}$/.test(parts[1]) ||
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
    const expiresAt = claims.readUInt32BE(32);
    if (expiresAt * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
    return {
      valid: true,
      claims: {
        surveyId: uuidText(claims.subarray(0, 16)),
        ticketId: uuidText(claims.subarray(16, 32)),
        expiresAt,
      },
    };
  }

  private mac(claims: string): string {
    // 128 bits of HMAC-SHA256 keep the link short (Fastify limits a path parameter to 100 characters).
    return createHmac('sha256', this.secret)
      .update(`${VERSION}.${claims}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
