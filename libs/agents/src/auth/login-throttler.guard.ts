import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { LoginUseCase } from './login.usecase';

interface LoginRequest {
  ip?: string;
  body?: { email?: unknown };
  headers: Record<string, string | string[] | undefined>;
}

interface LoginReply {
  header(name: string, value: string): unknown;
}

/** The throttlers of AuthModule: per client address and email, and per client address. */
export const LOGIN_THROTTLERS = { perEmail: 'login', perAddress: 'login-address' } as const;

export const loginEmailOf = (request: Record<string, unknown>): string => {
  const { body } = request as unknown as LoginRequest;
  return typeof body?.email === 'string' ? body.email.toLowerCase() : '';
};

export const loginAddressOf = (request: Record<string, unknown>): string =>
  (request as unknown as LoginRequest).ip ?? 'unknown';

/**
 * Limits login attempts per client address and email, so one attacker cannot lock out everyone,
 * and per client address across emails, so one address cannot try a password on many accounts.
 * A refused attempt is recorded too (reason `throttled`) and answered 429 with `Retry-After`.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly login: LoginUseCase,
  ) {
    super(options, storage, reflector);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(`${loginAddressOf(request)}|${loginEmailOf(request)}`);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const { req, res } = this.getRequestResponse(context) as {
      req: Record<string, unknown>;
      res: LoginReply;
    };
    res.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    const userAgent = (req as unknown as LoginRequest).headers['user-agent'];
    await this.login.recordThrottled(loginEmailOf(req), {
      ip: (req as unknown as LoginRequest).ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
    });
    await super.throwThrottlingException(context, detail);
  }
}
