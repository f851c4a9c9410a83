import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@ledgerdesk/shared';
import { IsOptional } from 'class-validator';

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Calendar day in DESK_TIMEZONE; default today' })
  @IsOptional()
  @IsCalendarDate('2026-11-25')
  asOf?: string;
}
