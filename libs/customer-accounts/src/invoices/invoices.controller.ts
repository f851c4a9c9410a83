import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { loadAccount } from '../accounts/account-records';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { CreateInvoiceDto, ReasonDto, ResolveDisputeDto } from './invoice.dto';
import { InvoiceQueries, InvoiceSummaryView, InvoiceView } from './invoice.queries';
import { InvoiceUseCases } from './invoice.usecases';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller()
export class InvoicesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: InvoiceQueries,
    private readonly invoices: InvoiceUseCases,
  ) {}

  @Get('accounts/:id/invoices')
  @ApiOkResponse({ type: [InvoiceSummaryView] })
  async list(@Param('id', ParseIdPipe) accountId: string): Promise<InvoiceSummaryView[]> {
    await loadAccount(this.dataSource.manager, accountId);
    return this.queries.forAccount(accountId);
  }

  @Post('accounts/:id/invoices')
  @ApiCreatedResponse({ type: InvoiceView })
  async create(
    @Param('id', ParseIdPipe) accountId: string,
    @Body() body: CreateInvoiceDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<InvoiceView> {
    return this.queries.view(await this.invoices.create(accountId, body, agent));
  }

  @Get('invoices/:id')
  @ApiOkResponse({ type: InvoiceView })
  get(@Param('id', ParseIdPipe) id: string): Promise<InvoiceView> {
    return this.queries.view(id);
  }

  @Post('invoices/:id/void')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: InvoiceView })
  async void(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<InvoiceView> {
    await this.invoices.void(id, body, agent);
    return this.queries.view(id);
  }

  @Post('invoices/:id/dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: InvoiceView })
  async dispute(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<InvoiceView> {
    await this.invoices.dispute(id, body, agent);
    return this.queries.view(id);
  }

  @Post('invoices/:id/resolve-dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: InvoiceView })
  async resolveDispute(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ResolveDisputeDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<InvoiceView> {
    await this.invoices.resolveDispute(id, body, agent);
    return this.queries.view(id);
  }
}
