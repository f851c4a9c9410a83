import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { CustomerAccountsModule } from '@ledgerdesk/customer-accounts';
import { KpiModule } from '@ledgerdesk/kpi';
import { ConfigModule, DatabaseModule } from '@ledgerdesk/shared';
import { HistoryImportModule, TicketsModule } from '@ledgerdesk/tickets';

/** What the command line needs: the database and the domain use cases, no HTTP, no queues. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    AgentsModule,
    TicketsModule,
    HistoryImportModule,
    CustomerAccountsModule,
    KpiModule,
  ],
})
export class CliModule {}
