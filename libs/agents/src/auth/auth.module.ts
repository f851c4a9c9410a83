import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, REDIS_CLIENT } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { Agent } from '../agent.entity';
import { AgentsModule } from '../agents.module';
import { AuthController } from './auth.controller';
import { LoginAttempt } from './login-attempt.entity';
import { LOGIN_THROTTLERS, loginAddressOf } from './login-throttler.guard';
import { LoginUseCase } from './login.usecase';
import { LogoutUseCase } from './logout.usecase';

/**
 * The login endpoint. Attempts are limited per client address and email, and per client address
 * across emails, counted in Redis so every API instance shares the limits. The guard sends the
 * standard `Retry-After` itself, so the throttler's own headers (suffixed with the throttler's
 * name) are off.
 */
@Module({
  imports: [
    AgentsModule,
    TypeOrmModule.forFeature([Agent, LoginAttempt]),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          {
            name: LOGIN_THROTTLERS.perEmail,
            ttl: config.loginRateWindowSeconds * 1000,
            limit: config.loginRateLimit,
          },
          {
            name: LOGIN_THROTTLERS.perAddress,
            ttl: config.loginRateWindowSeconds * 1000,
            limit: config.loginRateLimitPerAddress,
            getTracker: (request: Record<string, unknown>) => loginAddressOf(request),
          },
        ],
        setHeaders: false,
        storage: new ThrottlerStorageRedisService(redis),
        errorMessage: `Too many login attempts; wait ${config.loginRateWindowSeconds} seconds and try again`,
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [LoginUseCase, LogoutUseCase],
})
export class AuthModule {}
