import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { oneOf, OpeningHours, Weekday, WEEKDAYS } from '@ledgerdesk/contracts';
import { NamedRef } from '../ticket.view';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** Ten intervals a day is more than any desk has; the cap keeps one request small. */
export const MAX_OPENING_INTERVALS = 70;
export const MAX_HOLIDAY_NAME_LENGTH = 200;

export class OpeningHoursDto implements OpeningHours {
  @ApiProperty({ enum: WEEKDAYS, example: 'monday' })
  @IsIn(WEEKDAYS, { message: `day must be one of ${oneOf(WEEKDAYS)}` })
  day!: Weekday;

  @ApiProperty({ example: '09:00', description: 'Local wall time, HH:MM' })
  @IsString({ message: 'opens must be a time like 09:00' })
  @Matches(CLOCK_TIME, { message: 'opens must be a time like 09:00 (00:00–23:59)' })
  opens!: string;

  @ApiProperty({ example: '17:00', description: 'Local wall time, HH:MM, after opens; 24:00 is midnight' })
  @IsString({ message: 'closes must be a time like 17:00' })
  @Matches(CLOSING_TIME, { message: 'closes must be a time like 17:00 (00:01–24:00)' })
  closes!: string;
}

export class UpdateBusinessHoursDto {
  @ApiProperty({
    example: 'Europe/Berlin',
    description: 'IANA time zone the opening hours and holidays are in',
  })
  @IsString({ message: 'timeZone must be a time zone name like Europe/Berlin' })
  @MaxLength(64, { message: 'timeZone must be a time zone name like Europe/Berlin' })
  timeZone!: string;

  @ApiProperty({
    type: [OpeningHoursDto],
    description:
      'Every opening interval of the week (several a day for a break); a day without one is closed',
  })
  @IsArray({ message: 'hours must be a list of opening intervals' })
  @ArrayMaxSize(MAX_OPENING_INTERVALS, {
    message: `hours must have at most ${MAX_OPENING_INTERVALS} intervals`,
  })
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  hours!: OpeningHoursDto[];
}

export class HolidayDto {
  @ApiProperty({ example: 'Christmas Day' })
  @IsString({ message: 'name must be text' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(MAX_HOLIDAY_NAME_LENGTH, {
    message: `name must be at most ${MAX_HOLIDAY_NAME_LENGTH} characters`,
  })
  name!: string;
}

export class HolidayView {
  @ApiProperty({ example: '2026-12-25', description: 'A whole local day on which the desk is closed' })
  day!: string;
  @ApiProperty() name!: string;
}

export class BusinessHoursView {
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ type: [OpeningHoursDto], description: 'Monday first, then by opening time' })
  hours!: OpeningHours[];
  @ApiProperty({ type: [HolidayView], description: 'Oldest first' }) holidays!: HolidayView[];
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: NamedRef, nullable: true, description: 'null: the seeded default' })
  updatedBy!: NamedRef | null;
}

export class UpdatedBusinessHoursView extends BusinessHoursView {
  @ApiProperty({
    description: 'Unresolved tickets under a business-hours policy whose running targets were re-timed',
  })
  retimedTickets!: number;
}

export class BusinessScheduleChangeView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['hours', 'holiday_added', 'holiday_renamed', 'holiday_removed'] })
  change!: 'hours' | 'holiday_added' | 'holiday_renamed' | 'holiday_removed';
  @ApiProperty({
    description: 'The schedule (time zone and hours) or the holiday before the change; null when new',
  })
  before!: unknown;
  @ApiProperty({ description: 'The same after the change; null when removed' })
  after!: unknown;
  @ApiProperty() retimedTickets!: number;
  @ApiProperty({ type: NamedRef }) changedBy!: NamedRef;
  @ApiProperty() changedAt!: Date;
}
