import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { oneOf, PRIORITIES, Priority } from '@ledgerdesk/contracts';
import { SlaPoliciesQuery } from './sla-policies.query';
import {
  SlaPolicyChangeView,
  SlaPolicyView,
  UpdatedSlaPolicyView,
  UpdateSlaPolicyDto,
} from './sla-policy.dto';
import { UpdateSlaPolicyUseCase } from './update-sla-policy.usecase';

function parsePriority(value: string): Priority {
  if ((PRIORITIES as readonly string[]).includes(value)) return value as Priority;
  throw new BadRequestException({
    message: `priority must be one of ${oneOf(PRIORITIES)}`,
    details: [{ field: 'priority', problems: [`must be one of ${oneOf(PRIORITIES)}`] }],
  });
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class SlaController {
  constructor(
    private readonly policies: SlaPoliciesQuery,
    private readonly updatePolicy: UpdateSlaPolicyUseCase,
  ) {}

  @Get('policies')
  @ApiOkResponse({ type: [SlaPolicyView], description: 'First-response and resolution targets per priority' })
  list(): Promise<SlaPolicyView[]> {
    return this.policies.all();
  }

  @Get('policies/changes')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: [SlaPolicyChangeView], description: 'The last 100 policy changes, newest first' })
  changes(): Promise<SlaPolicyChangeView[]> {
    return this.policies.changes();
  }

  @Put('policies/:priority')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: UpdatedSlaPolicyView })
  update(
    @Param('priority') priority: string,
    @Body() body: UpdateSlaPolicyDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<UpdatedSlaPolicyView> {
    return this.updatePolicy.execute(parsePriority(priority), body, agent);
  }
}
