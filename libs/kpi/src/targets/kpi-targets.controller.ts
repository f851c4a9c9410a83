import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { isTargetKpi, TARGET_KPIS, TargetKpi } from './kpi-target-definitions';
import { KpiTargetsView, KpiTargetView, RemoveKpiTargetQuery, SetKpiTargetDto } from './kpi-target.dto';
import { KpiTargetsQuery } from './kpi-targets.query';
import { RemoveKpiTargetUseCase } from './remove-kpi-target.usecase';
import { SetKpiTargetUseCase } from './set-kpi-target.usecase';

function parseKpi(value: string): TargetKpi {
  if (isTargetKpi(value)) return value;
  const known = TARGET_KPIS.join(', ');
  throw new BadRequestException({
    message: `kpi must be one of ${known}`,
    details: [{ field: 'kpi', problems: [`unknown KPI ${JSON.stringify(value)}; known: ${known}`] }],
  });
}

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis/targets')
export class KpiTargetsController {
  constructor(
    private readonly targets: KpiTargetsQuery,
    private readonly setTarget: SetKpiTargetUseCase,
    private readonly removeTarget: RemoveKpiTargetUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: KpiTargetsView })
  list(): Promise<KpiTargetsView> {
    return this.targets.all();
  }

  @Put(':kpi')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: KpiTargetView })
  set(
    @Param('kpi') kpi: string,
    @Body() body: SetKpiTargetDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<KpiTargetView> {
    return this.setTarget.execute(parseKpi(kpi), body, agent);
  }

  @Delete(':kpi')
  @Roles('supervisor', 'admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; a team falls back to the desk-wide target' })
  async remove(
    @Param('kpi') kpi: string,
    @Query() query: RemoveKpiTargetQuery,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<void> {
    await this.removeTarget.execute(parseKpi(kpi), query.teamId ?? null, agent);
  }
}
