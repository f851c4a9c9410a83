import { PageQuery } from '@ledgerdesk/shared';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  BILLING_CATEGORIES,
  BillingCategory,
  Channel,
  CHANNELS,
  oneOf,
  PRIORITIES,
  Priority,
  TICKET_STATUSES,
  TicketStatus,
} from '@ledgerdesk/contracts';
import { SLA_FILTERS, SlaFilter } from '../sla/sla-filter';

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

export const TICKET_SORTS = ['createdAt', 'updatedAt', 'priority', 'number', 'status', 'slaDue'] as const;
/** `sla_due` is accepted as another spelling of `slaDue`. */
const SORT_VALUES = [...TICKET_SORTS, 'sla_due'].flatMap((sort) => [sort, `-${sort}`]);
const UUID_OR = (...words: string[]): RegExp =>
  new RegExp(`^(${words.join('|')}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, 'i');

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${oneOf(TICKET_STATUSES)}` })
  @IsOptional()
  @Transform(commaList)
  @IsIn(TICKET_STATUSES, { each: true, message: `status must be among ${oneOf(TICKET_STATUSES)}` })
  status?: TicketStatus[];

  @ApiPropertyOptional({ description: 'An agent id, `me` or `none` (unassigned)' })
  @IsOptional()
  @Matches(UUID_OR('me', 'none'), { message: 'assignee must be an agent id, "me" or "none"' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'A team id, `mine` (my teams) or `none`' })
  @IsOptional()
  @Matches(UUID_OR('mine', 'none'), { message: 'team must be a team id, "mine" or "none"' })
  team?: string;

  @ApiPropertyOptional({ description: 'A customer account id or `none` (not linked)' })
  @IsOptional()
  @Matches(UUID_OR('none'), { message: 'account must be a customer account id or "none"' })
  account?: string;

  @ApiPropertyOptional({
    description:
      "A requester's email address (any letter case) or phone number, exactly: the customer's tickets",
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  requester?: string;

  @ApiPropertyOptional({ description: `Comma-separated: ${oneOf(CHANNELS)}` })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CHANNELS, { each: true, message: `channel must be among ${oneOf(CHANNELS)}` })
  channel?: Channel[];

  @ApiPropertyOptional({ description: `Comma-separated: ${oneOf(BILLING_CATEGORIES)}` })
  @IsOptional()
  @Transform(commaList)
  @IsIn(BILLING_CATEGORIES, { each: true, message: `category must be among ${oneOf(BILLING_CATEGORIES)}` })
  category?: BillingCategory[];

  @ApiPropertyOptional({ description: `Comma-separated: ${oneOf(PRIORITIES)}` })
  @IsOptional()
  @Transform(commaList)
  @IsIn(PRIORITIES, { each: true, message: `priority must be among ${oneOf(PRIORITIES)}` })
  priority?: Priority[];

  @ApiPropertyOptional({
    enum: SLA_FILTERS,
    description:
      'Running SLA target: breached (past due), due_soon (due within SLA_DUE_SOON_MINUTES), at_risk (either)',
  })
  @IsOptional()
  @IsIn(SLA_FILTERS, { message: `sla must be one of ${oneOf(SLA_FILTERS)}` })
  sla?: SlaFilter;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({
    description: 'Ticket number (LD-1042 or 1042), words of the subject, requester email, name or phone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: SORT_VALUES,
    default: '-createdAt',
    description: 'slaDue: soonest running SLA target first; tickets without one last',
  })
  @IsOptional()
  @IsIn(SORT_VALUES, { message: `sort must be one of ${SORT_VALUES.join(', ')}` })
  sort?: string;
}

/** The list's filters and sort without paging: an export holds every matching ticket. */
export class ExportTicketsQuery extends OmitType(ListTicketsQuery, ['page', 'pageSize'] as const) {}
