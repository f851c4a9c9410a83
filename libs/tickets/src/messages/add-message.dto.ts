import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_BODY_LENGTH } from '../create-ticket/create-ticket.dto';
import { BodyFormat } from '../message-body/message-body';

export class AddMessageDto {
  @ApiProperty({ enum: ['reply', 'note'], description: 'reply: public, to the customer; note: internal' })
  @IsIn(['reply', 'note'], { message: 'kind must be reply or note' })
  kind!: 'reply' | 'note';

  @ApiProperty()
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;

  @ApiPropertyOptional({ enum: ['text', 'html'], default: 'text' })
  @IsOptional()
  @IsIn(['text', 'html'], { message: 'bodyFormat must be text or html' })
  bodyFormat?: BodyFormat;
}

export class MessageView {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['customer', 'reply', 'note'] }) kind!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiProperty() bodyText!: string;
  @ApiProperty() createdAt!: Date;
}
