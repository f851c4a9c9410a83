import { Inject, Injectable, Optional } from '@nestjs/common';
import { REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AccessTokenClaims } from './authenticated-agent';

const revokedKey = (tokenId: string): string => `auth:revoked:${tokenId}`;

/**
 * Single access tokens revoked before they expire (sign-out), kept in Redis until then so every
 * api instance refuses them. A token is named by its `jti`; one issued before tokens had one by
 * a hash of the token itself. (Revoking all of an agent's tokens is `agents.token_version`.)
 */
@Injectable()
export class TokenRevocations {
  /** Optional: the command line has no Redis (nor tokens to check); the api and worker have. */
  constructor(@Optional() @Inject(REDIS_CLIENT) private readonly client?: Redis) {}

  private get redis(): Redis {
    if (!this.client) throw new Error('token revocations need Redis (import RedisModule)');
    return this.client;
  }

  async revoke(token: string, claims: AccessTokenClaims): Promise<void> {
    const ttlMs = claims.exp ? claims.exp * 1000 - Date.now() : undefined;
    if (ttlMs !== undefined && ttlMs <= 0) return;
    const key = revokedKey(tokenIdOf(token, claims));
    if (ttlMs === undefined) await this.redis.set(key, '1');
    else await this.redis.set(key, '1', 'PX', Math.ceil(ttlMs));
  }

  async isRevoked(token: string, claims: AccessTokenClaims): Promise<boolean> {
    return (await this.redis.exists(revokedKey(tokenIdOf(token, claims)))) === 1;
  }
}

function tokenIdOf(token: string, claims: AccessTokenClaims): string {
  return claims.jti ?? `sha256:${createHash('sha256').update(token).digest('hex')}`;
}
