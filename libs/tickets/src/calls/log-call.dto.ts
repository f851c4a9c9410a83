import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CALL_DIRECTIONS, CallDirection } from '@ledgerdesk/contracts';

const ISO_WITH_OFFSET = { strict: true, strictSeparator: true };
/** IsDateString also takes dates alone and local times, which the server would read in its own zone. */
const TIME_AND_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const withOffset = (field: string): { message: string } => ({
  message: `${field} must have a time and a UTC offset (Z or ±hh:mm), e.g. 2026-11-25T09:30:00Z`,
});
const TWELVE_HOURS = 12 * 60 * 60;

export class LogCallDto {
  @ApiProperty({ enum: CALL_DIRECTIONS })
  @IsIn(CALL_DIRECTIONS, { message: 'direction must be inbound or outbound' })
  direction!: CallDirection;

  @ApiProperty({ example: '2026-11-25T09:30:00Z' })
  @IsDateString(ISO_WITH_OFFSET, { message: 'startedAt must be an ISO 8601 timestamp' })
  @Matches(TIME_AND_OFFSET, withOffset('startedAt'))
  startedAt!: string;

  @ApiProperty({ example: '2026-11-25T09:41:30Z' })
  @IsDateString(ISO_WITH_OFFSET, { message: 'endedAt must be an ISO 8601 timestamp' })
  @Matches(TIME_AND_OFFSET, withOffset('endedAt'))
  endedAt!: string;

  @ApiPropertyOptional({ default: 0, description: 'Seconds the customer was on hold (inside the call)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(TWELVE_HOURS)
  holdSeconds?: number;

  @ApiPropertyOptional({ default: 0, description: 'After-call work seconds' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(TWELVE_HOURS)
  wrapUpSeconds?: number;

  @ApiPropertyOptional({ example: 'explained_charge' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  outcome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;
}

export class CallView {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty({ enum: CALL_DIRECTIONS }) direction!: CallDirection;
  @ApiProperty() startedAt!: Date;
  @ApiProperty() endedAt!: Date;
  @ApiProperty() holdSeconds!: number;
  @ApiProperty() wrapUpSeconds!: number;
  @ApiPropertyOptional({ nullable: true }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true }) notes!: string | null;
}
