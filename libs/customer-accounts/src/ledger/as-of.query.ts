import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** The shape of a calendar date; only `IsISO8601({ strict: true })` rejects days like 2026-02-30. */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Options for `IsISO8601` on a calendar date: strict, so an impossible day is refused. */
export const REAL_DATE = { strict: true } as const;

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Calendar day in DESK_TIMEZONE; default today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date like 2026-11-25' })
  @IsISO8601(REAL_DATE, { message: 'asOf must be a real calendar date' })
  asOf?: string;
}
