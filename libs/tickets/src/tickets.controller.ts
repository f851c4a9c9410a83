import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Optional,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { TicketAccess } from './access/ticket-access';
import { TICKET_BILLING_CONTEXT, TicketBillingContextProvider } from './billing/billing-ports';
import { CallView, LogCallDto } from './calls/log-call.dto';
import { LogCallUseCase } from './calls/log-call.usecase';
import { CreateTicketDto } from './create-ticket/create-ticket.dto';
import { CreateTicketUseCase } from './create-ticket/create-ticket.usecase';
import { ExportTicketsQuery, ListTicketsQuery } from './list-tickets/list-tickets.query';
import { TicketQueries } from './list-tickets/ticket.queries';
import { ticketsCsv } from './list-tickets/tickets-csv';
import { AddMessageDto, MessageView } from './messages/add-message.dto';
import { AddMessageUseCase } from './messages/add-message.usecase';
import { TicketDetailView, TicketPage, TicketView } from './ticket.view';
import { TimelineEntry, TimelineQuery } from './timeline/timeline.query';
import { UpdateTicketDto } from './update-ticket/update-ticket.dto';
import { UpdateTicketUseCase } from './update-ticket/update-ticket.usecase';
import { BulkUpdateTicketsDto } from './update-ticket/bulk-update-tickets.dto';
import { BulkUpdateResult, BulkUpdateTicketsUseCase } from './update-ticket/bulk-update-tickets.usecase';
import { TrackWorkUseCase, WorkSessionView } from './work-sessions/track-work.usecase';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  private readonly logger = new Logger(TicketsController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    private readonly queries: TicketQueries,
    private readonly timeline: TimelineQuery,
    private readonly createTicket: CreateTicketUseCase,
    private readonly updateTicket: UpdateTicketUseCase,
    private readonly bulkUpdate: BulkUpdateTicketsUseCase,
    private readonly addMessage: AddMessageUseCase,
    private readonly logCall: LogCallUseCase,
    private readonly trackWork: TrackWorkUseCase,
    @Optional() @Inject(TICKET_BILLING_CONTEXT) private readonly billing?: TicketBillingContextProvider,
  ) {}

  @Get()
  @ApiOkResponse({ type: TicketPage })
  list(@Query() query: ListTicketsQuery, @CurrentAgent() agent: AuthenticatedAgent): Promise<TicketPage> {
    return this.queries.list(query, agent);
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'The tickets the list shows for the same filters and sort, all of them (at most TICKET_EXPORT_MAX_ROWS), as CSV',
  })
  async export(
    @Query() filters: ExportTicketsQuery,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<StreamableFile> {
    const chunks = await this.queries.exportable(filters, agent);
    // Who took which customers' data out of the desk, and how much of it.
    const csv = ticketsCsv(chunks, (exported, complete) =>
      this.logger.log({ msg: 'tickets exported', agentId: agent.id, filters, exported, complete }),
    );
    return new StreamableFile(Readable.from(csv), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="tickets-${new Date().toISOString().slice(0, 10)}.csv"`,
    });
  }

  @Post()
  @ApiCreatedResponse({ type: TicketView })
  async create(
    @Body() body: CreateTicketDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TicketView> {
    return this.queries.view(await this.createTicket.execute(body, agent));
  }

  @Get(':id')
  @ApiOkResponse({ type: TicketDetailView })
  async get(
    @Param('id', ParseIdPipe) id: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TicketDetailView> {
    await this.access.load(this.dataSource.manager, id, agent);
    const view = await this.queries.view(id);
    const billing = view.accountId && this.billing ? await this.billing.forTicket(id, view.accountId) : null;
    return { ...view, billing };
  }

  @Patch()
  @ApiOkResponse({
    description:
      'The same change on up to 100 tickets, each in its own transaction with the rules of PATCH /tickets/:id: ' +
      '`{ updated, failed, results: [{ ticketId, status, error? }] }` (status 200, or what that PATCH would answer)',
  })
  bulk(
    @Body() body: BulkUpdateTicketsDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<BulkUpdateResult> {
    return this.bulkUpdate.execute(body.ticketIds, body.changes, agent);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TicketView })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateTicketDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TicketView> {
    await this.updateTicket.execute(id, body, agent);
    return this.queries.view(id);
  }

  @Get(':id/events')
  @ApiOkResponse({ type: [TimelineEntry] })
  async events(
    @Param('id', ParseIdPipe) id: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TimelineEntry[]> {
    await this.access.load(this.dataSource.manager, id, agent);
    return this.timeline.forTicket(id);
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ type: MessageView })
  message(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AddMessageDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<MessageView> {
    return this.addMessage.execute(id, body, agent);
  }

  @Post(':id/calls')
  @ApiCreatedResponse({ type: CallView })
  call(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: LogCallDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<CallView> {
    return this.logCall.execute(id, body, agent);
  }

  @Post(':id/work/heartbeat')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkSessionView, description: 'Starts a work session or keeps the open one alive' })
  heartbeat(
    @Param('id', ParseIdPipe) id: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<WorkSessionView> {
    return this.trackWork.beat(id, agent);
  }

  @Post(':id/work/stop')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkSessionView, description: 'The ended session, or null when none was open' })
  stop(
    @Param('id', ParseIdPipe) id: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<WorkSessionView | null> {
    return this.trackWork.stop(id, agent);
  }
}
