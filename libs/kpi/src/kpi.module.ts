import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { TicketsModule } from '@ledgerdesk/tickets';
import { KpiOutbox } from './projection/kpi-outbox';
import { KpiProjector } from './projection/kpi-projector';
import { KpiController } from './queries/kpi.controller';
import { KpiQueries } from './queries/kpi.queries';
import { TicketKpiExplanationQuery } from './queries/ticket-kpi-explanation';
import { RebuildKpisUseCase } from './rebuild/rebuild-kpis.usecase';

@Module({
  imports: [AgentsModule, TicketsModule],
  controllers: [KpiController],
  providers: [KpiProjector, KpiOutbox, KpiQueries, TicketKpiExplanationQuery, RebuildKpisUseCase],
  exports: [KpiProjector, KpiOutbox, KpiQueries, RebuildKpisUseCase],
})
export class KpiModule {}
