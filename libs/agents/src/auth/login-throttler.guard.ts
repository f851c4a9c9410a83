import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

interface LoginRequest {
  ip?: string;
  body?: { email?: unknown };
}

/** Limits login attempts per client address and email, so one attacker cannot lock out everyone. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { ip, body } = request as LoginRequest;
    const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
    return Promise.resolve(`${ip ?? 'unknown'}|${email}`);
  }
}
