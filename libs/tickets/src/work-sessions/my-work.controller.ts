import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { TrackWorkUseCase, WorkSessionView } from './track-work.usecase';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/work')
export class MyWorkController {
  constructor(private readonly trackWork: TrackWorkUseCase) {}

  /** The console calls this when the agent signs out, before its token is gone. */
  @Post('stop')
  @HttpCode(200)
  @ApiOkResponse({
    type: [WorkSessionView],
    description: 'Every session of the caller that was open, now ended',
  })
  stopAll(@CurrentAgent() agent: AuthenticatedAgent): Promise<WorkSessionView[]> {
    return this.trackWork.stopAll(agent);
  }
}
