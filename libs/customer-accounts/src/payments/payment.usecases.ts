import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertNotClosed, loadAccount } from '../accounts/account-records';
import { BillingActionRecorder } from '../audit/billing-action.recorder';
import { ReasonDto } from '../invoices/invoice.dto';
import { assertCurrency, minorUnits } from '../money/money';
import { allocatePayment } from './allocate';
import { AllocatePaymentDto, RecordPaymentDto } from './payment.dto';

const CLOCK_SKEW_MS = 5 * 60_000;

interface PaymentRow {
  id: string;
  account_id: string;
  amount_minor: string;
  currency: string;
  reference: string;
  received_at: Date;
  reversed_at: Date | null;
  allocated: string;
}

async function loadPayment(manager: EntityManager, paymentId: string): Promise<PaymentRow> {
  const [payment] = await manager.query<PaymentRow[]>(
    `SELECT p.*, coalesce((SELECT sum(a.amount_minor) FROM payment_allocations a
                            WHERE a.payment_id = p.id AND a.removed_at IS NULL), 0) AS allocated
       FROM payments p WHERE p.id = $1 FOR UPDATE OF p`,
    [paymentId],
  );
  if (!payment) throw new NotFoundException(`No payment with id ${paymentId}`);
  return payment;
}

/** Recording, allocating and reversing payments; each is one transaction with its audit entry. */
@Injectable()
export class PaymentUseCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: BillingActionRecorder,
    private readonly config: AppConfig,
  ) {}

  async record(
    accountId: string,
    command: RecordPaymentDto,
    agent: AuthenticatedAgent | null,
  ): Promise<string> {
    const receivedAt = command.receivedAt ? new Date(command.receivedAt) : new Date();
    if (receivedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new UnprocessableEntityException({
        message: 'receivedAt must not be in the future',
        details: [{ field: 'receivedAt', problems: ['in the future'] }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const context = { agent, ticketId: command.ticketId };
      const account = await loadAccount(manager, accountId, { lock: true });
      assertCurrency(account.currency, command.currency, 'currency');
      assertNotClosed(account);
      await this.recorder.checkTicket(manager, context, accountId);
      // btrim: a reference stored with stray spaces before they were dropped is still this one.
      const [existing] = await manager.query<{ id: string }[]>(
        `SELECT id FROM payments WHERE account_id = $1 AND btrim(reference) = $2`,
        [accountId, command.reference],
      );
      if (existing) {
        throw new ConflictException({
          message: `A payment with reference ${command.reference} is already recorded on account ${account.number}`,
          details: { paymentId: existing.id },
        });
      }
      const [payment] = await manager.query<{ id: string }[]>(
        `INSERT INTO payments (account_id, amount_minor, currency, method, reference, received_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          accountId,
          command.amount,
          account.currency,
          command.method,
          command.reference,
          receivedAt,
          agent?.id ?? null,
        ],
      );
      const allocations = await allocatePayment(
        manager,
        {
          accountId,
          paymentId: payment.id,
          available: command.amount,
          effectiveFrom: receivedAt,
          agentId: agent?.id ?? null,
          timeZone: this.config.deskTimeZone,
        },
        command.allocations,
      );
      const auditId = await this.recorder.record(manager, context, {
        action: 'payment.recorded',
        entityType: 'payment',
        entityId: payment.id,
        accountId,
        after: {
          amount: command.amount,
          currency: account.currency,
          method: command.method,
          reference: command.reference,
          receivedAt: receivedAt.toISOString(),
          allocations,
          unallocated: command.amount - allocations.reduce((sum, allocation) => sum + allocation.amount, 0),
        },
      });
      await this.linkAllocations(manager, allocations, auditId);
      return payment.id;
    });
  }

  async allocate(paymentId: string, command: AllocatePaymentDto, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const payment = await loadPayment(manager, paymentId);
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, payment.account_id);
      if (payment.reversed_at) throw new ConflictException(`Payment ${payment.reference} was reversed`);
      const available = minorUnits(payment.amount_minor) - minorUnits(payment.allocated);
      if (available <= 0) throw new ConflictException(`Payment ${payment.reference} is fully allocated`);
      const allocations = await allocatePayment(
        manager,
        {
          accountId: payment.account_id,
          paymentId,
          available,
          effectiveFrom: new Date(),
          agentId: agent.id,
          timeZone: this.config.deskTimeZone,
        },
        command.allocations,
      );
      if (allocations.length === 0) throw new ConflictException('No open invoice to allocate the payment to');
      const auditId = await this.recorder.record(manager, context, {
        action: 'payment.allocated',
        entityType: 'payment',
        entityId: paymentId,
        accountId: payment.account_id,
        before: { unallocated: available },
        after: { allocations, unallocated: available - allocations.reduce((sum, a) => sum + a.amount, 0) },
      });
      await this.linkAllocations(manager, allocations, auditId);
    });
  }

  async removeAllocation(allocationId: string, agent: AuthenticatedAgent, ticketId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [allocation] = await manager.query<
        {
          id: string;
          payment_id: string;
          invoice_id: string;
          amount_minor: string;
          audit_id: string | null;
          removed_at: Date | null;
        }[]
      >(`SELECT * FROM payment_allocations WHERE id = $1 FOR UPDATE`, [allocationId]);
      if (!allocation) throw new NotFoundException(`No allocation with id ${allocationId}`);
      const payment = await loadPayment(manager, allocation.payment_id);
      const context = { agent, ticketId };
      await this.recorder.checkTicket(manager, context, payment.account_id);
      if (allocation.removed_at) throw new ConflictException('This allocation was already removed');
      await manager.query(
        `UPDATE payment_allocations SET removed_at = now(), removed_by = $2 WHERE id = $1`,
        [allocationId, agent.id],
      );
      await this.recorder.record(manager, context, {
        action: 'allocation.removed',
        entityType: 'allocation',
        entityId: allocationId,
        accountId: payment.account_id,
        before: {
          paymentId: allocation.payment_id,
          invoiceId: allocation.invoice_id,
          amount: minorUnits(allocation.amount_minor),
        },
        after: { removed: true },
        correctsId: allocation.audit_id ?? undefined,
      });
    });
  }

  async reverse(paymentId: string, command: ReasonDto, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const payment = await loadPayment(manager, paymentId);
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, payment.account_id);
      if (payment.reversed_at)
        throw new ConflictException(`Payment ${payment.reference} was already reversed`);
      await manager.query(`UPDATE payments SET reversed_at = now(), reversal_reason = $2 WHERE id = $1`, [
        paymentId,
        command.reason,
      ]);
      await manager.query(
        `UPDATE payment_allocations SET removed_at = now(), removed_by = $2 WHERE payment_id = $1 AND removed_at IS NULL`,
        [paymentId, agent.id],
      );
      await this.recorder.record(manager, context, {
        action: 'payment.reversed',
        entityType: 'payment',
        entityId: paymentId,
        accountId: payment.account_id,
        before: { amount: minorUnits(payment.amount_minor), allocated: minorUnits(payment.allocated) },
        after: { reversed: true, reason: command.reason },
        correctsId: await this.recorder.originOf(manager, paymentId, 'payment.recorded'),
      });
    });
  }

  private async linkAllocations(
    manager: EntityManager,
    allocations: { id: string }[],
    auditId: string,
  ): Promise<void> {
    if (allocations.length === 0) return;
    await manager.query(`UPDATE payment_allocations SET audit_id = $2 WHERE id = ANY($1::uuid[])`, [
      allocations.map((allocation) => allocation.id),
      auditId,
    ]);
  }
}
