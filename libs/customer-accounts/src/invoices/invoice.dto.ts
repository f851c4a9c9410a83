import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { IsCalendarDate } from '@ledgerdesk/shared';
import { AT_MOST_MAX_MINOR, MAX_MINOR } from '../money/money';

export class InvoiceLineDto {
  @ApiProperty({ example: 'Pro plan, November' })
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'lines.description must not be blank' })
  description!: string;

  @ApiProperty({ example: 1, description: 'Positive, up to 4 decimals (number or string)' })
  @Matches(/^\d{1,10}(\.\d{1,4})?$/, {
    message: 'lines.quantity must be a positive number with at most 4 decimals',
  })
  @Matches(/[1-9]/, { message: 'lines.quantity must be more than 0' })
  @Type(() => String)
  quantity!: string;

  @ApiProperty({ example: 12000, description: 'Minor units; negative for a discount line' })
  @IsInt({ message: 'lines.unitPrice must be an integer amount in minor units (12000 = 120.00)' })
  @Min(-MAX_MINOR)
  @Max(MAX_MINOR, AT_MOST_MAX_MINOR)
  unitPrice!: number;
}

export class CreateInvoiceDto {
  @ApiProperty({ example: 'INV-2031' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'number must be 1-64 letters, digits, . _ / -' })
  number!: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate('2026-11-01')
  issueDate!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate('2026-11-30')
  dueDate!: string;

  @ApiPropertyOptional({ description: 'Must equal the account currency when given' })
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiProperty({ type: [InvoiceLineDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'lines must hold at least one line' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines!: InvoiceLineDto[];

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ example: 'Late fee waived by credit note CN-12' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'resolution must not be blank' })
  resolution!: string;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}
