import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { BillingActionRecorder } from '../audit/billing-action.recorder';
import { CreateAccountDto } from './account.dto';
import { assertCurrencyCode, replaceContacts } from './account-records';

@Injectable()
export class CreateAccountUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: BillingActionRecorder,
  ) {}

  async execute(command: CreateAccountDto, agent: AuthenticatedAgent): Promise<string> {
    assertCurrencyCode(command.currency);
    return this.dataSource.transaction(async (manager) => {
      const context = { agent, ticketId: command.ticketId };
      const [taken] = await manager.query<{ id: string }[]>(
        `SELECT id FROM customer_accounts WHERE number = $1`,
        [command.number],
      );
      if (taken)
        throw new ConflictException({
          message: `An account with number ${command.number} already exists`,
          details: { accountId: taken.id },
        });
      const [account] = await manager.query<{ id: string }[]>(
        `INSERT INTO customer_accounts (number, name, status, currency, billing_address, tax_id, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          command.number,
          command.name.trim(),
          command.status ?? 'active',
          command.currency,
          command.billingAddress ? JSON.stringify(command.billingAddress) : null,
          command.taxId ?? null,
          command.notes ?? null,
        ],
      );
      await this.recorder.checkTicket(manager, context, account.id);
      await replaceContacts(manager, account.id, command.contacts);
      const { ticketId: _ticketId, ...after } = command;
      await this.recorder.record(manager, context, {
        action: 'account.created',
        entityType: 'account',
        entityId: account.id,
        accountId: account.id,
        after,
      });
      return account.id;
    });
  }
}
