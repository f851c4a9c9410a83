import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { TAG_PATTERN } from '../create-ticket/create-ticket.dto';
import {
  BILLING_CATEGORIES,
  BillingCategory,
  oneOf,
  PRIORITIES,
  Priority,
  TICKET_STATUSES,
  TicketStatus,
} from '@ledgerdesk/contracts';

const present = (field: keyof UpdateTicketDto) => (dto: UpdateTicketDto) => dto[field] !== undefined;

export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @ValidateIf(present('status'))
  @IsIn(TICKET_STATUSES, { message: `status must be one of ${oneOf(TICKET_STATUSES)}` })
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @ValidateIf(present('priority'))
  @IsIn(PRIORITIES, { message: `priority must be one of ${oneOf(PRIORITIES)}` })
  priority?: Priority;

  @ApiPropertyOptional({ enum: BILLING_CATEGORIES })
  @ValidateIf(present('category'))
  @IsIn(BILLING_CATEGORIES, { message: `category must be one of ${oneOf(BILLING_CATEGORIES)}` })
  category?: BillingCategory;

  @ApiPropertyOptional()
  @ValidateIf(present('subject'))
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'subject must not be blank' })
  subject?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null unassigns' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be an agent id or null' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null removes the team' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a team id or null' })
  teamId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Customer account id; null unlinks' })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be a customer account id or null' })
  accountId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the tags' })
  @ValidateIf(present('tags'))
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG_PATTERN, { each: true, message: 'tags must be lowercase words of letters, digits, _ : . -' })
  tags?: string[];
}
