import { Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { SENDER_VERDICTS, SenderAuthentication, SenderVerdict } from '@ledgerdesk/contracts';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { TicketAccess } from '@ledgerdesk/tickets';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

export class MailAttachmentView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true }) filename!: string | null;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'An inline image of the HTML part' }) inline!: boolean;
}

export class SenderAuthenticationView implements SenderAuthentication {
  @ApiProperty({
    enum: SENDER_VERDICTS,
    description:
      'pass: the From domain vouches for the sender; fail: it says it did not send this (likely spoofed); none: nothing to tell by',
  })
  verdict!: SenderVerdict;
  @ApiPropertyOptional({ nullable: true }) fromDomain!: string | null;
  @ApiProperty({ example: 'pass' }) spf!: string;
  @ApiProperty({ example: 'pass' }) dkim!: string;
  @ApiProperty({ example: 'pass' }) dmarc!: string;
  @ApiPropertyOptional({ nullable: true, example: 'reject' }) dmarcPolicy!: string | null;
  @ApiProperty() reason!: string;
}

export class TicketMailView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiPropertyOptional({
    enum: ['reply', 'csat_survey', 'csat_clarification', 'acknowledgement'],
    nullable: true,
  })
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
  @ApiProperty({ type: [MailAttachmentView], description: 'Download: GET …/mail/attachments/:attachmentId' })
  attachments!: MailAttachmentView[];
  @ApiPropertyOptional({
    type: SenderAuthenticationView,
    nullable: true,
    description: 'Inbound: what SPF, DKIM and DMARC said of the sender when it arrived (null: not checked)',
  })
  senderAuthentication!: SenderAuthentication | null;
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
              received_at AS "createdAt", sent_at AS "sentAt", sender_authentication AS "senderAuthentication",
              coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename,
                                 'contentType', a.content_type, 'sizeBytes', a.size_bytes, 'inline', a.inline)
                                 ORDER BY a.inline, a.filename, a.id)
                          FROM mail_attachments a WHERE a.mail_message_id = m.id), '[]') AS attachments
         FROM mail_messages m WHERE ticket_id = $1 ORDER BY received_at, id`,
      [ticketId],
    );
  }

  /**
   * One attachment of the ticket's email, as a download: never rendered by the browser in the
   * desk's origin (`attachment` disposition, no sniffing, a sandboxing CSP), since customers
   * choose its content.
   */
  @Get('attachments/:attachmentId')
  async attachment(
    @Param('id', ParseIdPipe) ticketId: string,
    @Param('attachmentId', ParseIdPipe) attachmentId: string,
    @CurrentAgent() agent: AuthenticatedAgent,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    await this.access.load(this.dataSource.manager, ticketId, agent);
    const [found] = await this.dataSource.query<
      { filename: string | null; content_type: string; content: Buffer }[]
    >(
      `SELECT a.filename, a.content_type, a.content
         FROM mail_attachments a JOIN mail_messages m ON m.id = a.mail_message_id
        WHERE a.id = $1 AND m.ticket_id = $2`,
      [attachmentId, ticketId],
    );
    if (!found) throw new NotFoundException(`No attachment ${attachmentId} on this ticket's email`);
    const filename = found.filename ?? 'attachment';
    void reply
      .type(found.content_type || 'application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return found.content;
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
