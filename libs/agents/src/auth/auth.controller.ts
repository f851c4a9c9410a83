import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from './auth.decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AccessTokenDto, LoginDto } from './login.dto';
import { LoginUseCase } from './login.usecase';

interface ClientRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly login: LoginUseCase) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this email from this address' })
  logIn(@Body() credentials: LoginDto, @Req() request: ClientRequest): Promise<AccessTokenDto> {
    const userAgent = request.headers['user-agent'];
    return this.login.execute(credentials, {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
    });
  }
}
