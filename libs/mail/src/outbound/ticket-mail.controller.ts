import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { TicketAccess } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';

export class TicketMailView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiPropertyOptional({ enum: ['reply', 'csat_survey', 'csat_clarification'], nullable: true })
  kind!: string | null;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Why the last attempt failed' }) statusReason!:
    string | null;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true }) messageId!: string | null;
  @ApiPropertyOptional({ nullable: true }) subject!: string | null;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiPropertyOptional({ nullable: true }) ticketMessageId!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ nullable: true }) sentAt!: Date | null;
}

/** The ticket's email: what was received and what the desk sent (or is still trying to send). */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id/mail')
export class TicketMailController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
  ) {}

  @Get()
  @ApiOkResponse({ type: [TicketMailView] })
  async list(
    @Param('id', ParseIdPipe) ticketId: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TicketMailView[]> {
    await this.access.load(this.dataSource.manager, ticketId, agent);
    return this.dataSource.query<TicketMailView[]>(
      `SELECT id, direction, outbound_kind AS kind, status, status_reason AS "statusReason", attempts,
              message_id AS "messageId", subject, to_addresses AS "to", ticket_message_id AS "ticketMessageId",
              received_at AS "createdAt", sent_at AS "sentAt"
         FROM mail_messages WHERE ticket_id = $1 ORDER BY received_at, id`,
      [ticketId],
    );
  }

  /** Puts a `failed` outbound email back in the queue (the relay picks it up at once). */
  @Post(':mailId/retry')
  @HttpCode(202)
  async retry(
    @Param('id', ParseIdPipe) ticketId: string,
    @Param('mailId', ParseIdPipe) mailId: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<{ status: 'queued' }> {
    await this.access.load(this.dataSource.manager, ticketId, agent);
    const [, updated] = await this.dataSource.query<[unknown, number]>(
      `UPDATE mail_messages SET status = 'queued', enqueued_at = NULL
        WHERE id = $1 AND ticket_id = $2 AND direction = 'outbound' AND status = 'failed'`,
      [mailId, ticketId],
    );
    if (updated === 0) throw new NotFoundException('No failed outbound email with that id on this ticket');
    await this.dataSource.query(`SELECT pg_notify('mail_outbound', '')`);
    return { status: 'queued' };
  }
}
