import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB memory, 2 passes), as OWASP recommends. */
@Injectable()
export class PasswordHasher {
  /** Verified against when the email is unknown, so both paths cost the same time. */
  private readonly decoyHash = hash('ledgerdesk-decoy-password', { algorithm: Algorithm.Argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: Algorithm.Argon2id });
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.decoyHash), password);
    } catch {
      return false;
    }
  }
}
