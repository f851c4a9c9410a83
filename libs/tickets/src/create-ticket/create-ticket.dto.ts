import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BodyFormat } from '../message-body/message-body';
import {
  BILLING_CATEGORIES,
  BillingCategory,
  Channel,
  CHANNELS,
  oneOf,
  PRIORITIES,
  Priority,
} from '@ledgerdesk/contracts';

export const MAX_BODY_LENGTH = 200_000;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9_:.-]{0,49}$/;

export class RequesterDto {
  @ApiPropertyOptional({ example: 'pat@customer.example' })
  @ValidateIf((requester: RequesterDto) => requester.email !== undefined || requester.phone === undefined)
  @IsEmail({}, { message: 'requester.email must be an email address (or give requester.phone)' })
  email?: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0958' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{5,30}$/, { message: 'requester.phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'Pat Doe' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateTicketDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: `channel must be one of ${oneOf(CHANNELS)}` })
  channel!: Channel;

  @ApiProperty({ example: 'Charged twice for October' })
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'subject must not be blank' })
  subject!: string;

  @ApiProperty({ description: 'The customer’s request' })
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;

  @ApiPropertyOptional({ enum: ['text', 'html'], default: 'text' })
  @IsOptional()
  @IsIn(['text', 'html'], { message: 'bodyFormat must be text or html' })
  bodyFormat?: BodyFormat;

  @ApiPropertyOptional({ enum: BILLING_CATEGORIES, default: 'other' })
  @IsOptional()
  @IsIn(BILLING_CATEGORIES, { message: `category must be one of ${oneOf(BILLING_CATEGORIES)}` })
  category?: BillingCategory;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES, { message: `priority must be one of ${oneOf(PRIORITIES)}` })
  priority?: Priority;

  @ApiProperty({ type: RequesterDto })
  @IsDefined({ message: 'requester is required (email and/or phone)' })
  @IsObject({ message: 'requester must be an object with email and/or phone' })
  @ValidateNested()
  @Type(() => RequesterDto)
  requester!: RequesterDto;

  @ApiPropertyOptional({
    example: 'ACC-1001',
    description:
      'Customer account number; without it the account is found from the requester’s verified contact',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  account?: string;

  @ApiPropertyOptional({ description: 'Team id; defaults to the creating agent’s first team' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a team id' })
  teamId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be an agent id' })
  assigneeId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG_PATTERN, { each: true, message: 'tags must be lowercase words of letters, digits, _ : . -' })
  tags?: string[];
}
