import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource, EntityManager } from 'typeorm';
import { assertNotClosed, loadAccount } from '../accounts/account-records';
import { BillingActionRecorder } from '../audit/billing-action.recorder';
import { assertCurrency, lineAmount, MAX_MINOR } from '../money/money';
import { CreateInvoiceDto, ReasonDto, ResolveDisputeDto } from './invoice.dto';
import { loadInvoice } from './invoice-records';

function unprocessable(field: string, problem: string): UnprocessableEntityException {
  return new UnprocessableEntityException({
    message: `${field} ${problem}`,
    details: [{ field, problems: [problem] }],
  });
}

/** Issuing, voiding and disputing invoices; each is one transaction with its audit entry. */
@Injectable()
export class InvoiceUseCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: BillingActionRecorder,
  ) {}

  async create(
    accountId: string,
    command: CreateInvoiceDto,
    agent: AuthenticatedAgent | null,
  ): Promise<string> {
    if (command.dueDate < command.issueDate) throw unprocessable('dueDate', 'must not be before issueDate');
    const lines = command.lines.map((line, index) => {
      const quantity = String(line.quantity);
      const amount = lineAmount(quantity, line.unitPrice);
      if (amount === undefined) {
        throw unprocessable(
          `lines.${index}.quantity`,
          `× unitPrice ${line.unitPrice} is more than ${MAX_MINOR} minor units`,
        );
      }
      return {
        position: index + 1,
        description: line.description.trim(),
        quantity,
        unitPrice: line.unitPrice,
        amount,
      };
    });
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    if (total < 0)
      throw unprocessable('lines', 'must not add up to a negative total; raise a credit note instead');
    // As the CSV import says it: no invoice beyond the largest amount the API takes.
    if (total > MAX_MINOR) throw unprocessable('lines', 'add up to an amount too large');

    return this.dataSource.transaction(async (manager) => {
      const context = { agent, ticketId: command.ticketId };
      const account = await loadAccount(manager, accountId, { lock: true });
      assertCurrency(account.currency, command.currency, 'currency');
      assertNotClosed(account);
      await this.recorder.checkTicket(manager, context, accountId);
      const [duplicate] = await manager.query<{ id: string }[]>(
        `SELECT id FROM invoices WHERE account_id = $1 AND number = $2`,
        [accountId, command.number],
      );
      if (duplicate) {
        throw new ConflictException({
          message: `Invoice ${command.number} already exists on account ${account.number}`,
          details: { invoiceId: duplicate.id },
        });
      }
      const [invoice] = await manager.query<{ id: string }[]>(
        `INSERT INTO invoices (account_id, number, currency, issue_date, due_date, total_minor)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [accountId, command.number, account.currency, command.issueDate, command.dueDate, total],
      );
      await manager.query(
        `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_minor, amount_minor)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::bigint[], $6::bigint[])`,
        [
          invoice.id,
          lines.map((line) => line.position),
          lines.map((line) => line.description),
          lines.map((line) => line.quantity),
          lines.map((line) => line.unitPrice),
          lines.map((line) => line.amount),
        ],
      );
      await this.recorder.record(manager, context, {
        action: 'invoice.created',
        entityType: 'invoice',
        entityId: invoice.id,
        accountId,
        after: {
          number: command.number,
          issueDate: command.issueDate,
          dueDate: command.dueDate,
          total,
          currency: account.currency,
        },
      });
      return invoice.id;
    });
  }

  async void(invoiceId: string, command: ReasonDto, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invoice = await loadInvoice(manager, invoiceId, { lock: true });
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, invoice.accountId);
      if (invoice.voided) throw new ConflictException(`Invoice ${invoice.number} is already void`);
      if (invoice.openMinor !== invoice.totalMinor) {
        throw new ConflictException(
          `Invoice ${invoice.number} has payments or credit notes applied; remove the allocations and reverse the credit notes (POST /api/adjustments/:id/reverse) before voiding`,
        );
      }
      await this.assertNoPendingCredit(manager, invoiceId, invoice.number);
      await manager.query(`UPDATE invoices SET voided_at = now(), void_reason = $2 WHERE id = $1`, [
        invoiceId,
        command.reason,
      ]);
      await manager.query(
        `UPDATE invoice_disputes SET resolved_at = now(), resolved_by = $2, resolution = 'invoice voided'
          WHERE invoice_id = $1 AND resolved_at IS NULL`,
        [invoiceId, agent.id],
      );
      await this.recorder.record(manager, context, {
        action: 'invoice.voided',
        entityType: 'invoice',
        entityId: invoiceId,
        accountId: invoice.accountId,
        before: { status: 'live', total: invoice.totalMinor },
        after: { status: 'void', reason: command.reason },
        correctsId: await this.recorder.originOf(manager, invoiceId, 'invoice.created'),
      });
    });
  }

  async dispute(invoiceId: string, command: ReasonDto, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invoice = await loadInvoice(manager, invoiceId, { lock: true });
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, invoice.accountId);
      if (invoice.voided)
        throw new ConflictException(`Invoice ${invoice.number} is void; there is nothing to dispute`);
      if (invoice.disputed)
        throw new ConflictException(`Invoice ${invoice.number} already has an open dispute`);
      const [dispute] = await manager.query<{ id: string }[]>(
        `INSERT INTO invoice_disputes (invoice_id, reason, opened_by) VALUES ($1, $2, $3) RETURNING id`,
        [invoiceId, command.reason, agent.id],
      );
      await this.recorder.record(manager, context, {
        action: 'invoice.disputed',
        entityType: 'invoice',
        entityId: invoiceId,
        accountId: invoice.accountId,
        after: { disputeId: dispute.id, reason: command.reason },
      });
    });
  }

  async resolveDispute(
    invoiceId: string,
    command: ResolveDisputeDto,
    agent: AuthenticatedAgent,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invoice = await loadInvoice(manager, invoiceId, { lock: true });
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, invoice.accountId);
      const [dispute] = await manager.query<[{ id: string; reason: string }[], number]>(
        `UPDATE invoice_disputes SET resolved_at = now(), resolved_by = $2, resolution = $3
          WHERE invoice_id = $1 AND resolved_at IS NULL RETURNING id, reason`,
        [invoiceId, agent.id, command.resolution],
      );
      if (!dispute[0]) throw new ConflictException(`Invoice ${invoice.number} has no open dispute`);
      await this.recorder.record(manager, context, {
        action: 'invoice.dispute_resolved',
        entityType: 'invoice',
        entityId: invoiceId,
        accountId: invoice.accountId,
        before: { disputeId: dispute[0].id, reason: dispute[0].reason },
        after: { resolution: command.resolution },
      });
    });
  }

  private async assertNoPendingCredit(
    manager: EntityManager,
    invoiceId: string,
    number: string,
  ): Promise<void> {
    const [pending] = await manager.query<{ id: string }[]>(
      `SELECT id FROM adjustments WHERE invoice_id = $1 AND status = 'pending_approval' LIMIT 1`,
      [invoiceId],
    );
    if (pending)
      throw new ConflictException(`Invoice ${number} has an adjustment awaiting approval; decide it first`);
  }
}
