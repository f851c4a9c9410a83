import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { PageQuery } from '@ledgerdesk/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { LedgerQuery } from '../ledger/ledger.query';
import { ACCOUNT_STATUSES, AccountStatus } from './account.dto';
import { loadAccount } from './account-records';
import { AccountPage, AccountView, ContactView } from './account.view';

export class SearchAccountsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Account number, name, or a contact email or phone' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES, { message: 'status must be active, suspended or closed' })
  status?: AccountStatus;
}

@Injectable()
export class AccountsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerQuery,
  ) {}

  async search(query: SearchAccountsQuery): Promise<AccountPage> {
    const search = query.q?.trim() ?? '';
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = search.replace(/\D/g, '');
    const where = `WHERE ($1::text IS NULL OR a.status = $1)
        AND ($2 = '' OR a.number ILIKE $3 OR a.name ILIKE $3
             OR EXISTS (SELECT 1 FROM account_contacts c WHERE c.account_id = a.id
                          AND (lower(c.email) = lower($2) OR c.email ILIKE $3
                               OR (length($4) >= 5 AND c.phone_digits LIKE '%' || $4 || '%'))))`;
    const params = [query.status ?? null, search, pattern, digits];
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM customer_accounts a ${where}`,
      params,
    );
    const items = await this.dataSource.query<AccountPage['items']>(
      `SELECT a.id, a.number, a.name, a.status, a.currency FROM customer_accounts a ${where}
        ORDER BY (a.number = $2) DESC, a.name, a.id
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async view(accountId: string, asOf?: string): Promise<AccountView> {
    const account = await loadAccount(this.dataSource.manager, accountId);
    const contacts = await this.dataSource.query<ContactView[]>(
      `SELECT id, email, phone, name, verified FROM account_contacts WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
    return {
      id: account.id,
      number: account.number,
      name: account.name,
      status: account.status,
      currency: account.currency,
      contacts,
      billingAddress: account.billing_address as AccountView['billingAddress'],
      taxId: account.tax_id,
      notes: account.notes,
      createdAt: account.created_at,
      updatedAt: account.updated_at,
      position: await this.ledger.accountPosition(accountId, asOf ?? this.ledger.today()),
    };
  }
}
