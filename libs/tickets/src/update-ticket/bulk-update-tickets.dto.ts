import { ApiProperty, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsUUID, ValidateNested } from 'class-validator';
import { UpdateTicketDto } from './update-ticket.dto';

/** Tickets one bulk update may change. */
export const BULK_UPDATE_MAX_TICKETS = 100;

/**
 * What a bulk update may change: the fields that make sense for many tickets at once (not the
 * subject, the account or the tags, which belong to one ticket each). Validated like a PATCH.
 */
export class BulkTicketChangesDto extends PickType(UpdateTicketDto, [
  'status',
  'priority',
  'category',
  'assigneeId',
  'teamId',
] as const) {}

export class BulkUpdateTicketsDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: BULK_UPDATE_MAX_TICKETS })
  @IsArray()
  @ArrayMinSize(1, { message: 'ticketIds must name at least one ticket' })
  @ArrayMaxSize(BULK_UPDATE_MAX_TICKETS, {
    message: `ticketIds must name at most ${BULK_UPDATE_MAX_TICKETS} tickets`,
  })
  @IsUUID('all', { each: true, message: 'ticketIds must be ticket ids' })
  ticketIds!: string[];

  @ApiProperty({ type: BulkTicketChangesDto })
  @IsDefined({ message: 'changes is required' })
  @ValidateNested()
  @Type(() => BulkTicketChangesDto)
  changes!: BulkTicketChangesDto;
}
