import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LedgerPosition } from '../ledger/ledger.query';
import { AccountStatus, ACCOUNT_STATUSES, BillingAddressDto } from './account.dto';

export class ContactView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true }) email!: string | null;
  @ApiPropertyOptional({ nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiProperty() verified!: boolean;
}

export class AccountSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status!: AccountStatus;
  @ApiProperty() currency!: string;
}

export class AccountView extends AccountSummaryView {
  @ApiProperty({ type: [ContactView] }) contacts!: ContactView[];
  @ApiPropertyOptional({ type: BillingAddressDto, nullable: true }) billingAddress!: BillingAddressDto | null;
  @ApiPropertyOptional({ nullable: true }) taxId!: string | null;
  @ApiPropertyOptional({ nullable: true }) notes!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: LedgerPosition, description: 'Balance and aging as of `asOf` (default today)' })
  position!: LedgerPosition;
}

export class AccountPage {
  @ApiProperty({ type: [AccountSummaryView] }) items!: AccountSummaryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
