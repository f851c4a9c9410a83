import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Roles } from '@ledgerdesk/agents';
import { AppConfig } from '@ledgerdesk/shared';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';

export class DevMailView {
  @ApiProperty() id!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiPropertyOptional({ nullable: true }) envelopeFrom!: string | null;
  @ApiProperty({ type: [String] }) envelopeTo!: string[];
  @ApiPropertyOptional({ nullable: true }) messageId!: string | null;
  @ApiPropertyOptional({ nullable: true }) inReplyTo!: string | null;
  @ApiPropertyOptional({ nullable: true }) subject!: string | null;
  @ApiPropertyOptional({ nullable: true }) text!: string | null;
}

/** What the development SMTP sink received (admins, never in production). */
@ApiTags('dev')
@ApiBearerAuth()
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: [DevMailView] })
  async list(@Query('limit') limit?: string): Promise<DevMailView[]> {
    if (this.config.isProduction) throw new NotFoundException();
    const rows = await this.dataSource.query<
      { id: string; received_at: Date; envelope_from: string | null; envelope_to: string[]; raw: Buffer }[]
    >(`SELECT id, received_at, envelope_from, envelope_to, raw FROM dev_mailbox ORDER BY id DESC LIMIT $1`, [
      Math.min(Math.max(Number(limit) || 50, 1), 500),
    ]);
    return Promise.all(
      rows.map(async (row) => {
        const parsed = await simpleParser(row.raw);
        return {
          id: row.id,
          receivedAt: row.received_at,
          envelopeFrom: row.envelope_from,
          envelopeTo: row.envelope_to,
          messageId: parsed.messageId ?? null,
          inReplyTo: parsed.inReplyTo ?? null,
          subject: parsed.subject ?? null,
          text: parsed.text ?? null,
        };
      }),
    );
  }
}
