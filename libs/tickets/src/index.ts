export * from './tickets.module';
export * from '@ledgerdesk/contracts';
export { Ticket } from './ticket.entity';
export { TicketEvent } from './event-log/ticket-event.entity';
export * from './event-log/ticket-event-type';
export { appendTicketEvent } from './event-log/append-ticket-event';
export { CreateTicketUseCase } from './create-ticket/create-ticket.usecase';
export { CreateTicketDto } from './create-ticket/create-ticket.dto';
export { UpdateTicketUseCase } from './update-ticket/update-ticket.usecase';
export { AddMessageUseCase } from './messages/add-message.usecase';
export {
  AddCustomerMessageUseCase,
  OpenCustomerTicketUseCase,
} from './customer-messages/customer-message.usecases';
export type {
  CustomerReplyResult,
  CustomerTicketCommand,
  CustomerTicketOpened,
} from './customer-messages/customer-message.usecases';
export { buildMessageBody } from './message-body/message-body';
export type { MessageBody } from './message-body/message-body';
export { LogCallUseCase } from './calls/log-call.usecase';
export { EndIdleWorkSessionsUseCase } from './work-sessions/end-idle-work-sessions.usecase';
export { CloseSolvedTicketsUseCase } from './status/close-solved-tickets.usecase';
export { TicketView } from './ticket.view';
export { TimelineQuery } from './timeline/timeline.query';
export type { TicketTimelineEntry, TimelineEntry } from './timeline/timeline.query';
export { HistoryImportModule } from './import/history-import.module';
export { IMPORT_BATCH_SIZE, IMPORT_LANES, ImportHistoryUseCase } from './import/import-history.usecase';
export type { ImportProgress } from './import/import-history.usecase';
export {
  ABANDONED_IMPORT_MARK_SECONDS,
  ProjectAbandonedImportsUseCase,
} from './import/project-abandoned-imports.usecase';
export { ImportReport } from './import/import-report';
export { TicketAccess, canSeeTicket } from './access/ticket-access';
export * from './billing/billing-ports';
export { SlaBreachQuery } from './sla/sla-breach.query';
export { TicketSlaView, SlaTargetView } from './sla/sla.view';
export { inboundTeamId } from './customer-messages/inbound-team';
export { NEW_TICKET_ACKNOWLEDGEMENT } from './customer-messages/new-ticket-acknowledgement.port';
export type { NewTicketAcknowledgement } from './customer-messages/new-ticket-acknowledgement.port';
export { ContactFormModule } from './contact-form/contact-form.module';
export { RequestPageModule } from './request-page/request-page.module';
export { REQUEST_PAGE_INLINE_SCRIPT_SOURCES } from './request-page/request-pages';
export { RequestLinks, REQUEST_LINK_TTL_DAYS } from './request-page/request-links';
export { chatStatus, RequestConversationQuery } from './request-page/request-conversation.query';
export type { RequestConversation } from './request-page/request-conversation.query';
export { chatSecondsToWait } from './public-pages/public-responses';
export { MAX_BODY_LENGTH } from './create-ticket/create-ticket.dto';
export { formatTicketNumber } from './ticket-number';
