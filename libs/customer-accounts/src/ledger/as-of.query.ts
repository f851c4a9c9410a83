import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Calendar day in DESK_TIMEZONE; default today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date like 2026-11-25' })
  asOf?: string;
}
