import { Global, Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { CUSTOMER_ACCOUNT_RESOLVER, TICKET_BILLING_CONTEXT, TicketsModule } from '@ledgerdesk/tickets';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsQueries } from './accounts/accounts.queries';
import { CreateAccountUseCase } from './accounts/create-account.usecase';
import { UpdateAccountUseCase } from './accounts/update-account.usecase';
import { AdjustmentsController } from './adjustments/adjustments.controller';
import { AdjustmentQueries } from './adjustments/adjustment.queries';
import { AdjustmentUseCases } from './adjustments/adjustment.usecases';
import { BillingActionRecorder } from './audit/billing-action.recorder';
import { BillingImportController } from './import/billing-import.controller';
import { ImportBillingUseCase } from './import/import-billing.usecase';
import { InvoiceQueries } from './invoices/invoice.queries';
import { InvoiceUseCases } from './invoices/invoice.usecases';
import { InvoicesController } from './invoices/invoices.controller';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerQuery } from './ledger/ledger.query';
import { StatementQuery } from './ledger/statement.query';
import { PaymentQueries } from './payments/payment.queries';
import { PaymentUseCases } from './payments/payment.usecases';
import { PaymentsController } from './payments/payments.controller';
import { ContactAccountResolver } from './ticket-billing/customer-account.resolver';
import { TicketBillingContext } from './ticket-billing/ticket-billing-context';
import { TicketBillingLinksController } from './ticket-billing/ticket-billing-links.controller';

/**
 * Customer accounts and their billing context. Global so the tickets domain can reach the ports
 * it declares (account resolver, billing context) without importing this module.
 */
@Global()
@Module({
  imports: [AgentsModule, TicketsModule],
  controllers: [
    AccountsController,
    InvoicesController,
    PaymentsController,
    AdjustmentsController,
    LedgerController,
    TicketBillingLinksController,
    BillingImportController,
  ],
  providers: [
    AdjustmentQueries,
    AccountsQueries,
    CreateAccountUseCase,
    UpdateAccountUseCase,
    InvoiceQueries,
    InvoiceUseCases,
    PaymentQueries,
    PaymentUseCases,
    AdjustmentUseCases,
    BillingActionRecorder,
    LedgerQuery,
    StatementQuery,
    ContactAccountResolver,
    TicketBillingContext,
    ImportBillingUseCase,
    { provide: CUSTOMER_ACCOUNT_RESOLVER, useExisting: ContactAccountResolver },
    { provide: TICKET_BILLING_CONTEXT, useExisting: TicketBillingContext },
  ],
  exports: [
    CUSTOMER_ACCOUNT_RESOLVER,
    TICKET_BILLING_CONTEXT,
    CreateAccountUseCase,
    InvoiceUseCases,
    PaymentUseCases,
    AdjustmentUseCases,
    LedgerQuery,
    ImportBillingUseCase,
  ],
})
export class CustomerAccountsModule {}
