import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NamedRef } from '../ticket.view';
import { oneOf, PRIORITIES, Priority, SLA_CLOCKS, SlaClock } from '@ledgerdesk/contracts';

/** One year: a longer target is a typo, not a policy. */
export const MAX_SLA_MINUTES = 525_600;

export class UpdateSlaPolicyDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SLA_MINUTES, example: 30 })
  @IsInt({ message: 'firstResponseMinutes must be a whole number of minutes' })
  @Min(1, { message: 'firstResponseMinutes must be at least 1' })
  @Max(MAX_SLA_MINUTES, { message: `firstResponseMinutes must be at most ${MAX_SLA_MINUTES} (one year)` })
  firstResponseMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_SLA_MINUTES, example: 240 })
  @IsInt({ message: 'resolutionMinutes must be a whole number of minutes' })
  @Min(1, { message: 'resolutionMinutes must be at least 1' })
  @Max(MAX_SLA_MINUTES, { message: `resolutionMinutes must be at most ${MAX_SLA_MINUTES} (one year)` })
  resolutionMinutes!: number;

  @ApiPropertyOptional({
    enum: SLA_CLOCKS,
    description: 'calendar: every minute counts; business: only the opening hours (default: unchanged)',
  })
  @IsOptional()
  @IsIn(SLA_CLOCKS, { message: `clock must be one of ${oneOf(SLA_CLOCKS)}` })
  clock?: SlaClock;
}

export class SlaPolicyView {
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty() firstResponseMinutes!: number;
  @ApiProperty() resolutionMinutes!: number;
  @ApiProperty({
    enum: SLA_CLOCKS,
    description:
      'calendar: targets count every minute; business: only the opening hours of /api/sla/business-hours',
  })
  clock!: SlaClock;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: NamedRef, nullable: true, description: 'null: the seeded default' })
  updatedBy!: NamedRef | null;
}

export class UpdatedSlaPolicyView extends SlaPolicyView {
  @ApiProperty({ description: 'Unresolved tickets of this priority whose running targets were re-timed' })
  retimedTickets!: number;
}

export class SlaPolicyChangeView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty() firstResponseMinutes!: number;
  @ApiProperty() resolutionMinutes!: number;
  @ApiProperty() previousFirstResponseMinutes!: number;
  @ApiProperty() previousResolutionMinutes!: number;
  @ApiProperty({ enum: SLA_CLOCKS }) clock!: SlaClock;
  @ApiProperty({ enum: SLA_CLOCKS }) previousClock!: SlaClock;
  @ApiProperty() retimedTickets!: number;
  @ApiProperty({ type: NamedRef }) changedBy!: NamedRef;
  @ApiProperty() changedAt!: Date;
}
