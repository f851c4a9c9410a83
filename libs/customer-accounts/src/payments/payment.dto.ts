import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, TransformFnParams, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AT_MOST_MAX_MINOR, MAX_MINOR } from '../money/money';

export const PAYMENT_METHODS = [
  'card',
  'bank_transfer',
  'direct_debit',
  'cash',
  'check',
  'wallet',
  'other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Surrounding white space is no part of a reference (as in the CSV import, which trims values). */
const trimmed = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);

export class AllocationDto {
  @ApiProperty()
  @IsUUID('all', { message: 'allocations.invoiceId must be an invoice id' })
  invoiceId!: string;

  @ApiProperty({ example: 5000, description: 'Minor units, > 0' })
  @IsInt({ message: 'allocations.amount must be an integer amount in minor units' })
  @Min(1, { message: 'allocations.amount must be positive' })
  @Max(MAX_MINOR, AT_MOST_MAX_MINOR)
  amount!: number;
}

export class RecordPaymentDto {
  @ApiProperty({ example: 12000, description: 'Minor units (12000 = 120.00), > 0' })
  @IsInt({ message: 'amount must be an integer amount in minor units (12000 = 120.00)' })
  @Min(1, { message: 'amount must be positive' })
  @Max(MAX_MINOR, AT_MOST_MAX_MINOR)
  amount!: number;

  @ApiPropertyOptional({ description: 'Must equal the account currency when given' })
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @ApiProperty({
    example: 'NW-7781',
    description:
      'Unique per account: a retry with the same reference is refused; surrounding spaces are dropped',
  })
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference!: string;

  @ApiPropertyOptional({ example: '2026-11-03T10:00:00Z', description: 'Default: now' })
  @IsOptional()
  @IsDateString(
    { strict: true, strictSeparator: true },
    { message: 'receivedAt must be an ISO 8601 timestamp' },
  )
  receivedAt?: string;

  @ApiPropertyOptional({
    type: [AllocationDto],
    description: 'Without it: oldest due first; the rest stays as credit',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

export class AllocatePaymentDto {
  @ApiPropertyOptional({ type: [AllocationDto], description: 'Without it: oldest due first' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}
