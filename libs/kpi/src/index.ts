export * from './kpi.module';
export { KpiOutbox, PendingTicket } from './projection/kpi-outbox';
export { KpiProjector } from './projection/kpi-projector';
export { KpiQueries } from './queries/kpi.queries';
export { RebuildKpisUseCase, RebuildProgress } from './rebuild/rebuild-kpis.usecase';
export * from './definitions/ticket-kpi-facts';
export { deskDay } from './definitions/desk-calendar';
