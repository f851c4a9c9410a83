import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { ResetRequestLinksUseCase } from './reset-request-links.usecase';

class RequestLinksResetView {
  @ApiProperty({ description: 'Links to the request page made before this instant no longer work' })
  resetAt!: Date;
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id/request-links')
export class RequestLinksController {
  constructor(private readonly resetLinks: ResetRequestLinksUseCase) {}

  @Post('reset')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestLinksResetView })
  reset(
    @Param('id', ParseIdPipe) id: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<RequestLinksResetView> {
    return this.resetLinks.execute(id, agent);
  }
}
