import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgentsModule, JwtAuthGuard, AuthModule, RolesGuard } from '@ledgerdesk/agents';
import {
  ConfigModule,
  DatabaseModule,
  HealthController,
  LoggingModule,
  QueueModule,
  RedisModule,
} from '@ledgerdesk/shared';
import { CustomerAccountsModule } from '@ledgerdesk/customer-accounts';
import { KpiModule } from '@ledgerdesk/kpi';
import { CsatModule } from '@ledgerdesk/csat';
import { MailOutboundModule } from '@ledgerdesk/mail';
import { LiveModule } from '@ledgerdesk/live';
import {
  ContactFormModule,
  HistoryImportModule,
  RequestPageModule,
  TicketsModule,
} from '@ledgerdesk/tickets';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AgentsModule,
    AuthModule,
    TicketsModule,
    ContactFormModule,
    RequestPageModule,
    CustomerAccountsModule,
    HistoryImportModule,
    KpiModule,
    MailOutboundModule,
    CsatModule,
    LiveModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: RolesGuard },
  ],
})
export class ApiModule {}
