import {
  ConflictException,
  ForbiddenException,
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
import { loadInvoices } from '../invoices/invoice-records';
import { LedgerQuery } from '../ledger/ledger.query';
import { ReasonDto } from '../invoices/invoice.dto';
import { assertCurrency, minorUnits } from '../money/money';
import { AdjustmentKind, DecisionDto, MakeAdjustmentDto } from './adjustment.dto';
import { assertSameRequest } from './idempotency-key';

interface AdjustmentRow {
  id: string;
  account_id: string;
  kind: AdjustmentKind;
  amount_minor: string;
  currency: string;
  invoice_id: string | null;
  status: 'pending_approval' | 'approved' | 'rejected' | 'reversed';
  made_by: string | null;
}

const decidedOn = (adjustment: AdjustmentRow) => ({
  kind: adjustment.kind,
  amount: minorUnits(adjustment.amount_minor),
  currency: adjustment.currency,
});

function unprocessable(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ message, details: [{ field, problems: [message] }] });
}

/**
 * Credit notes, debit notes and refunds under maker–checker: above the approval threshold an
 * adjustment waits for a supervisor other than its maker before it touches the balance; a
 * rejected one keeps its record. An approved one can be reversed (by a supervisor): it then
 * no longer counts from the moment of its reversal, and the reversal corrects its making.
 */
@Injectable()
export class AdjustmentUseCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: BillingActionRecorder,
    private readonly ledger: LedgerQuery,
    private readonly config: AppConfig,
  ) {}

  /**
   * With an idempotency key, a request already made with it on this account answers its
   * adjustment (the account row lock makes parallel copies wait for the first one to commit).
   */
  async make(
    accountId: string,
    command: MakeAdjustmentDto,
    agent: AuthenticatedAgent | null,
    idempotencyKey?: string,
  ): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const context = { agent, ticketId: command.ticketId };
      const account = await loadAccount(manager, accountId, { lock: true });
      const request = {
        kind: command.kind,
        amount: command.amount,
        currency: command.currency ?? account.currency,
        reasonCode: command.reasonCode,
        memo: command.memo ?? null,
        invoiceId: command.invoiceId?.toLowerCase() ?? null,
        ticketId: command.ticketId?.toLowerCase() ?? null,
      };
      if (idempotencyKey !== undefined) {
        const [first] = await manager.query<{ id: string; idempotency_request: unknown }[]>(
          `SELECT id, idempotency_request FROM adjustments WHERE account_id = $1 AND idempotency_key = $2`,
          [accountId, idempotencyKey],
        );
        if (first) {
          assertSameRequest(idempotencyKey, first.idempotency_request, request);
          return first.id;
        }
      }
      assertCurrency(account.currency, command.currency, 'currency');
      assertNotClosed(account);
      await this.recorder.checkTicket(manager, context, accountId);
      await this.assertFits(manager, accountId, command.kind, command.amount, command.invoiceId);

      const needsApproval = command.amount > this.config.adjustmentApprovalThresholdMinor;
      const [adjustment] = await manager.query<{ id: string; status: string }[]>(
        `INSERT INTO adjustments (account_id, kind, amount_minor, currency, reason_code, memo, invoice_id, status, made_by,
                                  effective_at, idempotency_key, idempotency_request)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $8 = 'approved' THEN now() END, $10, $11)
         RETURNING id, status`,
        [
          accountId,
          command.kind,
          command.amount,
          account.currency,
          command.reasonCode,
          command.memo ?? null,
          command.invoiceId ?? null,
          needsApproval ? 'pending_approval' : 'approved',
          agent?.id ?? null,
          idempotencyKey ?? null,
          idempotencyKey === undefined ? null : JSON.stringify(request),
        ],
      );
      await this.recorder.record(manager, context, {
        action: 'adjustment.made',
        entityType: 'adjustment',
        entityId: adjustment.id,
        accountId,
        after: {
          kind: command.kind,
          amount: command.amount,
          currency: account.currency,
          reasonCode: command.reasonCode,
          invoiceId: command.invoiceId ?? null,
          status: adjustment.status,
          threshold: this.config.adjustmentApprovalThresholdMinor,
        },
      });
      return adjustment.id;
    });
  }

  approve(adjustmentId: string, command: DecisionDto, checker: AuthenticatedAgent): Promise<void> {
    return this.decide(adjustmentId, command, checker, 'approved');
  }

  reject(adjustmentId: string, command: DecisionDto, checker: AuthenticatedAgent): Promise<void> {
    return this.decide(adjustmentId, command, checker, 'rejected');
  }

  private async decide(
    adjustmentId: string,
    command: DecisionDto,
    checker: AuthenticatedAgent,
    decision: 'approved' | 'rejected',
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [adjustment] = await manager.query<AdjustmentRow[]>(
        `SELECT * FROM adjustments WHERE id = $1 FOR UPDATE`,
        [adjustmentId],
      );
      if (!adjustment) throw new NotFoundException(`No adjustment with id ${adjustmentId}`);
      if (adjustment.made_by === checker.id) {
        throw new ForbiddenException(
          'You cannot approve or reject your own adjustment; another supervisor must',
        );
      }
      if (adjustment.status !== 'pending_approval') {
        throw new ConflictException(`This adjustment is already ${adjustment.status}`);
      }
      const context = { agent: checker, ticketId: command.ticketId };
      const account = await loadAccount(manager, adjustment.account_id, { lock: true });
      await this.recorder.checkTicket(manager, context, adjustment.account_id);
      if (decision === 'approved') {
        assertNotClosed(account);
        await this.assertFits(
          manager,
          adjustment.account_id,
          adjustment.kind,
          minorUnits(adjustment.amount_minor),
          adjustment.invoice_id ?? undefined,
        );
      }
      await manager.query(
        `UPDATE adjustments SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4,
                effective_at = CASE WHEN $2 = 'approved' THEN now() END
          WHERE id = $1`,
        [adjustmentId, decision, checker.id, command.note ?? null],
      );
      const origin = await this.recorder.originOf(manager, adjustmentId, 'adjustment.made');
      await this.recorder.record(manager, context, {
        action: decision === 'approved' ? 'adjustment.approved' : 'adjustment.rejected',
        entityType: 'adjustment',
        entityId: adjustmentId,
        accountId: adjustment.account_id,
        before: { status: 'pending_approval' },
        // What was decided on, so the ticket's timeline can say it without another lookup.
        after: { status: decision, note: command.note ?? null, ...decidedOn(adjustment) },
        // A rejection overturns the maker's proposal: it counts against the maker's accuracy.
        correctsId: decision === 'rejected' ? origin : undefined,
      });
    });
  }

  /**
   * Reverses an approved adjustment under the account lock: from now on it no longer counts
   * (a credit note on an invoice no longer reduces what is open on it). The audit entry corrects
   * the adjustment's making, so billing accuracy counts that action as corrected.
   */
  async reverse(adjustmentId: string, command: ReasonDto, agent: AuthenticatedAgent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<AdjustmentRow[]>(`SELECT * FROM adjustments WHERE id = $1`, [
        adjustmentId,
      ]);
      if (!found) throw new NotFoundException(`No adjustment with id ${adjustmentId}`);
      // Account lock first (as every money movement on the account takes it), then the row.
      await loadAccount(manager, found.account_id, { lock: true });
      const [adjustment] = await manager.query<AdjustmentRow[]>(
        `SELECT * FROM adjustments WHERE id = $1 FOR UPDATE`,
        [adjustmentId],
      );
      const context = { agent, ticketId: command.ticketId };
      await this.recorder.checkTicket(manager, context, adjustment.account_id);
      if (adjustment.status === 'reversed') {
        throw new ConflictException('This adjustment was already reversed');
      }
      if (adjustment.status !== 'approved') {
        throw new ConflictException(
          `This adjustment is ${adjustment.status}; only an approved adjustment can be reversed`,
        );
      }
      await manager.query(
        `UPDATE adjustments SET status = 'reversed', reversed_at = now(), reversed_by = $2, reversal_reason = $3
          WHERE id = $1`,
        [adjustmentId, agent.id, command.reason],
      );
      await this.recorder.record(manager, context, {
        action: 'adjustment.reversed',
        entityType: 'adjustment',
        entityId: adjustmentId,
        accountId: adjustment.account_id,
        before: {
          status: 'approved',
          kind: adjustment.kind,
          amount: minorUnits(adjustment.amount_minor),
          invoiceId: adjustment.invoice_id,
        },
        after: { status: 'reversed', reason: command.reason, ...decidedOn(adjustment) },
        correctsId: await this.recorder.originOf(manager, adjustmentId, 'adjustment.made'),
      });
    });
  }

  /**
   * A credit note fits within its invoice's open amount; a refund within the account's credit
   * (less payments allocated to invoices not issued yet).
   */
  private async assertFits(
    manager: EntityManager,
    accountId: string,
    kind: AdjustmentKind,
    amount: number,
    invoiceId: string | undefined,
  ): Promise<void> {
    if (invoiceId) {
      // The invoice id is a field of the request (not its path): unknown is a 422 naming it.
      const [invoice] = await loadInvoices(manager, [invoiceId], { lock: true });
      if (!invoice) throw unprocessable('invoiceId', `No invoice with id ${invoiceId}`);
      if (invoice.accountId !== accountId)
        throw unprocessable('invoiceId', `Invoice ${invoiceId} is not an invoice of this account`);
      if (invoice.voided) throw new ConflictException(`Invoice ${invoice.number} is void`);
      if (kind === 'credit_note' && amount > invoice.openMinor) {
        throw unprocessable(
          'amount',
          `A credit note of ${amount} exceeds the ${invoice.openMinor} open on invoice ${invoice.number}; credit the rest to the account without invoiceId`,
        );
      }
    }
    if (kind === 'refund') {
      const credit = await this.ledger.refundableCredit(accountId, manager);
      if (amount > credit) {
        throw unprocessable(
          'amount',
          `A refund of ${amount} exceeds the account's credit balance of ${credit}`,
        );
      }
    }
  }
}
