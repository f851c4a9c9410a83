import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { BillingActionRecorder } from '../audit/billing-action.recorder';
import { UpdateAccountDto } from './account.dto';
import { assertCurrencyCode, contactsOf, loadAccount, replaceContacts } from './account-records';

const COLUMNS = {
  name: 'name',
  status: 'status',
  currency: 'currency',
  billingAddress: 'billing_address',
  taxId: 'tax_id',
  notes: 'notes',
} as const;

@Injectable()
export class UpdateAccountUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: BillingActionRecorder,
  ) {}

  async execute(accountId: string, command: UpdateAccountDto, agent: AuthenticatedAgent): Promise<void> {
    const { ticketId, contacts, ...fields } = command;
    if (contacts === undefined && Object.values(fields).every((value) => value === undefined)) {
      throw new BadRequestException('Nothing to change');
    }
    if (fields.currency !== undefined) assertCurrencyCode(fields.currency);
    await this.dataSource.transaction(async (manager) => {
      const context = { agent, ticketId };
      const account = await loadAccount(manager, accountId, { lock: true });
      await this.recorder.checkTicket(manager, context, accountId);
      if (fields.currency !== undefined && fields.currency !== account.currency) {
        const [{ used }] = await manager.query<{ used: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM invoices WHERE account_id = $1)
               OR EXISTS (SELECT 1 FROM payments WHERE account_id = $1)
               OR EXISTS (SELECT 1 FROM adjustments WHERE account_id = $1) AS used`,
          [accountId],
        );
        if (used)
          throw new ConflictException(
            'The currency of an account with invoices, payments or adjustments cannot change',
          );
      }

      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
        const value = fields[field];
        if (value === undefined) continue;
        const current = account[column as keyof typeof account];
        if (JSON.stringify(current) === JSON.stringify(value)) continue;
        before[field] = current;
        after[field] = value;
        const stored = field === 'billingAddress' && value !== null ? JSON.stringify(value) : value;
        await manager.query(`UPDATE customer_accounts SET ${column} = $2, updated_at = now() WHERE id = $1`, [
          accountId,
          stored,
        ]);
      }
      if (contacts !== undefined) {
        before.contacts = await contactsOf(manager, accountId);
        await replaceContacts(manager, accountId, contacts);
        after.contacts = contacts;
        await manager.query(`UPDATE customer_accounts SET updated_at = now() WHERE id = $1`, [accountId]);
      }
      if (Object.keys(after).length === 0) return;
      await this.recorder.record(manager, context, {
        action: 'account.updated',
        entityType: 'account',
        entityId: accountId,
        accountId,
        before,
        after,
      });
    });
  }
}
