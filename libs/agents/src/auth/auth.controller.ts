import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from './auth.decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AccessTokenDto, LoginDto } from './login.dto';
import { LoginUseCase } from './login.usecase';
import { LogoutUseCase } from './logout.usecase';

interface ClientRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiTooManyRequestsResponse({
    description:
      'Too many attempts from this address, for this email or in all; Retry-After tells when to retry',
  })
  logIn(@Body() credentials: LoginDto, @Req() request: ClientRequest): Promise<AccessTokenDto> {
    const userAgent = request.headers['user-agent'];
    return this.login.execute(credentials, {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
    });
  }

  /** Sign-out: the token it is sent with stops working at once (401), here and on /live. */
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The token is revoked' })
  logOut(@Req() request: ClientRequest): Promise<void> {
    const header = request.headers.authorization;
    return this.logout.execute(
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined,
    );
  }
}
