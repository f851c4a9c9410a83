import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TicketBillingContextProvider } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { AccountsQueries } from '../accounts/accounts.queries';
import { AdjustmentQueries } from '../adjustments/adjustment.queries';
import { InvoiceQueries } from '../invoices/invoice.queries';
import { LedgerQuery } from '../ledger/ledger.query';
import { PaymentQueries } from '../payments/payment.queries';

const RECENT = 5;

/**
 * The compact billing context shown beside a ticket: balance, overdue, recent documents, disputes,
 * and adjustments (all those waiting for approval, then the latest others).
 */
@Injectable()
export class TicketBillingContext implements TicketBillingContextProvider {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsQueries,
    private readonly invoices: InvoiceQueries,
    private readonly payments: PaymentQueries,
    private readonly adjustments: AdjustmentQueries,
    private readonly ledger: LedgerQuery,
  ) {}

  async forTicket(ticketId: string, accountId: string): Promise<Record<string, unknown>> {
    const [account, invoices, payments, adjustments, links] = await Promise.all([
      this.accounts.view(accountId),
      this.invoices.forAccount(accountId, 200),
      this.payments.forAccount(accountId, RECENT),
      this.adjustments.forTicketContext(accountId, RECENT),
      this.dataSource.query<{ entity_type: string; entity_id: string }[]>(
        `SELECT entity_type, entity_id FROM ticket_billing_links WHERE ticket_id = $1 ORDER BY linked_at`,
        [ticketId],
      ),
    ]);
    const refundableCredit = await this.ledger.refundableCredit(accountId, undefined, account.position);
    return {
      account: {
        id: account.id,
        number: account.number,
        name: account.name,
        status: account.status,
        currency: account.currency,
      },
      balance: account.position.balance,
      overdue: account.position.overdue,
      unappliedCredit: account.position.unappliedCredit,
      // What a refund may take today (the API's limit): the credit balance less what payments are
      // already allocated to invoices not issued yet.
      refundableCredit,
      aging: account.position.aging,
      recentInvoices: invoices.slice(0, RECENT),
      recentPayments: payments.map(({ allocations: _allocations, ...payment }) => payment),
      adjustments,
      openDisputes: invoices
        .filter((invoice) => invoice.status === 'disputed')
        .map((invoice) => ({ invoiceId: invoice.id, number: invoice.number, open: invoice.open })),
      linkedInvoiceIds: links.filter((link) => link.entity_type === 'invoice').map((link) => link.entity_id),
      linkedPaymentIds: links.filter((link) => link.entity_type === 'payment').map((link) => link.entity_id),
    };
  }
}
