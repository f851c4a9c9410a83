import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ReplyTemplateDto {
  @ApiProperty({ example: 'Refund on its way' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    example:
      'Hello {{customer.firstName}},\n\nthe refund for {{ticket.number}} is on its way.\n\n{{agent.name}}',
    description:
      'Placeholders in {{…}}: customer.name, customer.firstName, ticket.number, ticket.subject, agent.name, agent.firstName, account.name, account.number, account.balance',
  })
  @IsString()
  @MaxLength(20_000)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;
}

export class ReplyTemplateView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedByName!: string | null;
  @ApiProperty() updatedAt!: Date;
}
