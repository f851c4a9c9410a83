import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const ACCOUNT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export class ContactDto {
  @ApiPropertyOptional({ example: 'ap@northwind.example' })
  @ValidateIf((contact: ContactDto) => contact.email !== undefined || contact.phone === undefined)
  @IsEmail({}, { message: 'contacts.email must be an email address (or give contacts.phone)' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0958' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{5,30}$/, { message: 'contacts.phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class BillingAddressDto {
  @ApiProperty() @IsString() @MaxLength(200) line1!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty() @IsString() @MaxLength(100) city!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'billingAddress.country must be an ISO 3166-1 alpha-2 code like GB' })
  country!: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'ACC-1001' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'number must be 1-64 letters, digits, . _ / -' })
  number!: string;

  @ApiProperty({ example: 'Northwind Traders' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  @IsString()
  currency!: string;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES, { message: 'status must be active, suspended or closed' })
  status?: AccountStatus;

  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];

  @ApiPropertyOptional({ type: BillingAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  billingAddress?: BillingAddressDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional()
  @ValidateIf((dto: UpdateAccountDto) => dto.name !== undefined)
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @ValidateIf((dto: UpdateAccountDto) => dto.status !== undefined)
  @IsIn(ACCOUNT_STATUSES, { message: 'status must be active, suspended or closed' })
  status?: AccountStatus;

  @ApiPropertyOptional({ description: 'Only while the account has no invoices, payments or adjustments' })
  @ValidateIf((dto: UpdateAccountDto) => dto.currency !== undefined)
  @IsString()
  currency?: string;

  @ApiPropertyOptional({ type: [ContactDto], description: 'Replaces the contacts' })
  @ValidateIf((dto: UpdateAccountDto) => dto.contacts !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ type: BillingAddressDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  billingAddress?: BillingAddressDto | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'The ticket this is done from' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId?: string;
}
