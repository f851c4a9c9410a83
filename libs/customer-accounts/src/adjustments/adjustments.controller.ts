import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { IsIn, IsOptional } from 'class-validator';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { loadAccount } from '../accounts/account-records';
import { ReasonDto } from '../invoices/invoice.dto';
import { DecisionDto, MakeAdjustmentDto } from './adjustment.dto';
import { ADJUSTMENT_STATUSES, AdjustmentQueries, AdjustmentView } from './adjustment.queries';
import { AdjustmentUseCases } from './adjustment.usecases';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey } from './idempotency-key';

export class AdjustmentFilter {
  @ApiPropertyOptional({ enum: ADJUSTMENT_STATUSES })
  @IsOptional()
  @IsIn(ADJUSTMENT_STATUSES, { message: `status must be one of ${ADJUSTMENT_STATUSES.join(', ')}` })
  status?: string;
}

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller()
export class AdjustmentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adjustments: AdjustmentUseCases,
    private readonly views: AdjustmentQueries,
  ) {}

  @Get('accounts/:id/adjustments')
  @ApiOkResponse({ type: [AdjustmentView] })
  async forAccount(@Param('id', ParseIdPipe) accountId: string): Promise<AdjustmentView[]> {
    await loadAccount(this.dataSource.manager, accountId);
    return this.views.forAccount(accountId);
  }

  @Get('adjustments')
  @ApiOkResponse({
    type: [AdjustmentView],
    description: 'The desk’s adjustments, e.g. ?status=pending_approval',
  })
  list(@Query() filter: AdjustmentFilter): Promise<AdjustmentView[]> {
    return this.views.list(filter.status, 500);
  }

  @Post('accounts/:id/adjustments')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'Unique per account: a retry with the same key and body answers the first adjustment; another body is a 422',
  })
  @ApiCreatedResponse({ type: AdjustmentView })
  async make(
    @Param('id', ParseIdPipe) accountId: string,
    @Body() body: MakeAdjustmentDto,
    @CurrentAgent() agent: AuthenticatedAgent,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<AdjustmentView> {
    const key = readIdempotencyKey(idempotencyKey);
    return this.views.one(await this.adjustments.make(accountId, body, agent, key));
  }

  @Post('adjustments/:id/approve')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AdjustmentView })
  async approve(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecisionDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.approve(id, body, agent);
    return this.views.one(id);
  }

  @Post('adjustments/:id/reject')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AdjustmentView })
  async reject(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecisionDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.reject(id, body, agent);
    return this.views.one(id);
  }

  @Post('adjustments/:id/reverse')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdjustmentView,
    description: 'An approved adjustment stops counting from now on; its making counts as corrected',
  })
  async reverse(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.reverse(id, body, agent);
    return this.views.one(id);
  }
}
