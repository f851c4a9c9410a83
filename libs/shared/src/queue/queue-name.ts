/** Every BullMQ queue of Ledgerdesk, by name. Processors live in apps/worker. */
export enum QueueName {
  /** Ends work sessions whose heartbeats stopped (an agent closed the tab or went idle). */
  WorkSessions = 'work-sessions',
  /** Recomputes the KPI facts of tickets whose interaction log changed (fed by the kpi_pending outbox). */
  KpiRecompute = 'kpi-recompute',
}
