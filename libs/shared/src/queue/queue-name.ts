/** Every BullMQ queue of Ledgerdesk, by name. Processors live in apps/worker. */
export enum QueueName {
  /** Ends work sessions whose heartbeats stopped (an agent closed the tab or went idle). */
  WorkSessions = 'work-sessions',
  /** Closes solved tickets AUTO_CLOSE_SOLVED_AFTER_DAYS after their solve (every 10 minutes). */
  TicketLifecycle = 'ticket-lifecycle',
  /** Projects the tickets an interrupted history import left marked (every minute). */
  ImportProjections = 'import-projections',
  /** Recomputes the KPI facts of tickets whose interaction log changed (fed by the kpi_pending outbox). */
  KpiRecompute = 'kpi-recompute',
  /** Polls the IMAP mailbox (only when IMAP_URL is set). */
  MailImapPoll = 'mail-imap-poll',
  /** Sends queued outbound email (agent replies, CSAT surveys) through SMTP_URL; fed by the mail outbox. */
  MailOutbound = 'mail-outbound',
  /** Delayed jobs that send a CSAT survey once a solve has stood CSAT_SURVEY_DELAY_SECONDS. */
  CsatSurvey = 'csat-survey',
}
