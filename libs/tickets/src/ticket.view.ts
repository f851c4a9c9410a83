import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BILLING_CATEGORIES,
  BillingCategory,
  Channel,
  CHANNELS,
  PRIORITIES,
  Priority,
  TICKET_STATUSES,
  TicketStatus,
} from '@ledgerdesk/contracts';
import { TicketSlaView } from './sla/sla.view';

export class RequesterView {
  @ApiPropertyOptional({ nullable: true }) email!: string | null;
  @ApiPropertyOptional({ nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
}

export class NamedRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class TicketView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'LD-1042' }) number!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Key in the desk it was imported from' }) externalKey!:
    string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ enum: BILLING_CATEGORIES }) category!: BillingCategory;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty({ type: RequesterView }) requester!: RequesterView;
  @ApiPropertyOptional({ type: NamedRef, nullable: true }) assignee!: NamedRef | null;
  @ApiPropertyOptional({ type: NamedRef, nullable: true }) team!: NamedRef | null;
  @ApiPropertyOptional({ nullable: true, description: 'The customer account the ticket is about' })
  accountId!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ nullable: true }) solvedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: TicketSlaView, description: 'SLA targets of the ticket’s priority (calendar time)' })
  sla!: TicketSlaView;
}

export class TicketDetailView extends TicketView {
  @ApiPropertyOptional({
    nullable: true,
    description:
      'Balance, overdue amount, aging, last 5 invoices and payments, open disputes of the linked account',
  })
  billing!: Record<string, unknown> | null;
}

export class TicketPage {
  @ApiProperty({ type: [TicketView] }) items!: TicketView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
