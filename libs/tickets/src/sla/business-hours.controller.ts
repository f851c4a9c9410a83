import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import {
  BusinessHoursView,
  BusinessScheduleChangeView,
  HolidayDto,
  UpdateBusinessHoursDto,
  UpdatedBusinessHoursView,
} from './business-hours.dto';
import { BusinessHoursQuery } from './business-hours.query';
import { ChangeBusinessHoursUseCase } from './change-business-hours.usecase';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla/business-hours')
export class BusinessHoursController {
  constructor(
    private readonly query: BusinessHoursQuery,
    private readonly changeHours: ChangeBusinessHoursUseCase,
  ) {}

  @Get()
  @ApiOkResponse({
    type: BusinessHoursView,
    description: 'Opening hours and holidays of business-hours SLA policies',
  })
  schedule(): Promise<BusinessHoursView> {
    return this.query.schedule();
  }

  @Put()
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: UpdatedBusinessHoursView })
  setHours(
    @Body() body: UpdateBusinessHoursDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<UpdatedBusinessHoursView> {
    return this.changeHours.setHours(body, agent);
  }

  @Get('changes')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: [BusinessScheduleChangeView], description: 'The last 100 changes, newest first' })
  changes(): Promise<BusinessScheduleChangeView[]> {
    return this.query.changes();
  }

  @Put('holidays/:day')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: UpdatedBusinessHoursView, description: 'Adds the holiday, or renames it' })
  setHoliday(
    @Param('day') day: string,
    @Body() body: HolidayDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<UpdatedBusinessHoursView> {
    return this.changeHours.setHoliday(day, body, agent);
  }

  @Delete('holidays/:day')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: UpdatedBusinessHoursView })
  removeHoliday(
    @Param('day') day: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<UpdatedBusinessHoursView> {
    return this.changeHours.removeHoliday(day, agent);
  }
}
