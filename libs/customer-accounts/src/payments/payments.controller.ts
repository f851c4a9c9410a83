import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { loadAccount } from '../accounts/account-records';
import { ReasonDto } from '../invoices/invoice.dto';
import { AllocatePaymentDto, RecordPaymentDto } from './payment.dto';
import { PaymentQueries, PaymentView } from './payment.queries';
import { PaymentUseCases } from './payment.usecases';

export class FromTicketQuery {
  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PaymentQueries,
    private readonly payments: PaymentUseCases,
  ) {}

  @Get('accounts/:id/payments')
  @ApiOkResponse({ type: [PaymentView] })
  async list(@Param('id', ParseIdPipe) accountId: string): Promise<PaymentView[]> {
    await loadAccount(this.dataSource.manager, accountId);
    return this.queries.forAccount(accountId);
  }

  @Post('accounts/:id/payments')
  @ApiCreatedResponse({ type: PaymentView })
  async record(
    @Param('id', ParseIdPipe) accountId: string,
    @Body() body: RecordPaymentDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<PaymentView> {
    return this.queries.view(await this.payments.record(accountId, body, agent));
  }

  @Get('payments/:id')
  @ApiOkResponse({ type: PaymentView })
  get(@Param('id', ParseIdPipe) id: string): Promise<PaymentView> {
    return this.queries.view(id);
  }

  @Post('payments/:id/allocations')
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentView })
  async allocate(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AllocatePaymentDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<PaymentView> {
    await this.payments.allocate(id, body, agent);
    return this.queries.view(id);
  }

  @Delete('allocations/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeAllocation(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: FromTicketQuery,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<void> {
    await this.payments.removeAllocation(id, agent, query.ticketId);
  }

  @Post('payments/:id/reverse')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentView })
  async reverse(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<PaymentView> {
    await this.payments.reverse(id, body, agent);
    return this.queries.view(id);
  }
}
