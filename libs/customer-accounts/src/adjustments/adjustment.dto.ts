import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AT_MOST_MAX_MINOR, MAX_MINOR } from '../money/money';

export const ADJUSTMENT_KINDS = ['credit_note', 'debit_note', 'refund'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const ADJUSTMENT_REASONS = [
  'billing_error',
  'duplicate_charge',
  'service_issue',
  'goodwill',
  'price_change',
  'cancellation',
  'late_fee',
  'overpayment',
  'tax_correction',
  'other',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export class MakeAdjustmentDto {
  @ApiProperty({ enum: ADJUSTMENT_KINDS })
  @IsIn(ADJUSTMENT_KINDS, { message: `kind must be one of ${ADJUSTMENT_KINDS.join(', ')}` })
  kind!: AdjustmentKind;

  @ApiProperty({ example: 2500, description: 'Minor units, > 0' })
  @IsInt({ message: 'amount must be an integer amount in minor units (2500 = 25.00)' })
  @Min(1, { message: 'amount must be positive' })
  @Max(MAX_MINOR, AT_MOST_MAX_MINOR)
  amount!: number;

  @ApiPropertyOptional({ description: 'Must equal the account currency when given' })
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiProperty({ enum: ADJUSTMENT_REASONS })
  @IsIn(ADJUSTMENT_REASONS, { message: `reasonCode must be one of ${ADJUSTMENT_REASONS.join(', ')}` })
  reasonCode!: AdjustmentReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  @ApiPropertyOptional({ description: 'A credit note on an invoice reduces what is open on it' })
  @IsOptional()
  @IsUUID('all', { message: 'invoiceId must be an invoice id' })
  invoiceId?: string;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

export class DecisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}
