import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { TicketsModule } from '@ledgerdesk/tickets';
import { KpiOutbox } from './projection/kpi-outbox';
import { KpiProjector } from './projection/kpi-projector';
import { KpiController } from './queries/kpi.controller';
import { KpiQueries } from './queries/kpi.queries';
import { TicketKpiExplanationQuery } from './queries/ticket-kpi-explanation';
import { RebuildKpisUseCase } from './rebuild/rebuild-kpis.usecase';
import { KpiTargetsController } from './targets/kpi-targets.controller';
import { KpiTargetsQuery } from './targets/kpi-targets.query';
import { RemoveKpiTargetUseCase } from './targets/remove-kpi-target.usecase';
import { SetKpiTargetUseCase } from './targets/set-kpi-target.usecase';

@Module({
  imports: [AgentsModule, TicketsModule],
  controllers: [KpiController, KpiTargetsController],
  providers: [
    KpiProjector,
    KpiOutbox,
    KpiQueries,
    TicketKpiExplanationQuery,
    RebuildKpisUseCase,
    KpiTargetsQuery,
    SetKpiTargetUseCase,
    RemoveKpiTargetUseCase,
  ],
  exports: [KpiProjector, KpiOutbox, KpiQueries, RebuildKpisUseCase, KpiTargetsQuery],
})
export class KpiModule {}
