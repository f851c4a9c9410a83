import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { TicketAccess } from './access/ticket-access';
import { LogCallUseCase } from './calls/log-call.usecase';
import { CreateTicketUseCase } from './create-ticket/create-ticket.usecase';
import {
  AddCustomerMessageUseCase,
  OpenCustomerTicketUseCase,
} from './customer-messages/customer-message.usecases';
import { TicketQueries } from './list-tickets/ticket.queries';
import { AddMessageUseCase } from './messages/add-message.usecase';
import { ReplyTemplatesController } from './reply-templates/reply-templates.controller';
import { ReplyTemplates } from './reply-templates/reply-templates.service';
import { BusinessHoursController } from './sla/business-hours.controller';
import { BusinessHoursQuery } from './sla/business-hours.query';
import { ChangeBusinessHoursUseCase } from './sla/change-business-hours.usecase';
import { SlaBreachQuery } from './sla/sla-breach.query';
import { SlaController } from './sla/sla.controller';
import { SlaPoliciesQuery } from './sla/sla-policies.query';
import { UpdateSlaPolicyUseCase } from './sla/update-sla-policy.usecase';
import { TicketsController } from './tickets.controller';
import { TimelineQuery } from './timeline/timeline.query';
import { UpdateTicketUseCase } from './update-ticket/update-ticket.usecase';
import { BulkUpdateTicketsUseCase } from './update-ticket/bulk-update-tickets.usecase';
import { EndIdleWorkSessionsUseCase } from './work-sessions/end-idle-work-sessions.usecase';
import { CloseSolvedTicketsUseCase } from './status/close-solved-tickets.usecase';
import { MyWorkController } from './work-sessions/my-work.controller';
import { ReleaseDeactivatedAgent } from './work-sessions/release-deactivated-agent';
import { TrackWorkUseCase } from './work-sessions/track-work.usecase';
import { RequestConversationQuery } from './request-page/request-conversation.query';
import { RequestLinks } from './request-page/request-links';

@Module({
  imports: [AgentsModule],
  controllers: [
    TicketsController,
    SlaController,
    BusinessHoursController,
    MyWorkController,
    ReplyTemplatesController,
  ],
  providers: [
    TicketAccess,
    ReplyTemplates,
    TicketQueries,
    TimelineQuery,
    CreateTicketUseCase,
    UpdateTicketUseCase,
    BulkUpdateTicketsUseCase,
    AddMessageUseCase,
    LogCallUseCase,
    TrackWorkUseCase,
    EndIdleWorkSessionsUseCase,
    CloseSolvedTicketsUseCase,
    ReleaseDeactivatedAgent,
    OpenCustomerTicketUseCase,
    AddCustomerMessageUseCase,
    SlaBreachQuery,
    SlaPoliciesQuery,
    UpdateSlaPolicyUseCase,
    BusinessHoursQuery,
    ChangeBusinessHoursUseCase,
    RequestLinks,
    RequestConversationQuery,
  ],
  exports: [
    TicketAccess,
    TimelineQuery,
    TicketQueries,
    CreateTicketUseCase,
    UpdateTicketUseCase,
    AddMessageUseCase,
    LogCallUseCase,
    EndIdleWorkSessionsUseCase,
    CloseSolvedTicketsUseCase,
    OpenCustomerTicketUseCase,
    AddCustomerMessageUseCase,
    SlaBreachQuery,
    RequestLinks,
    RequestConversationQuery,
  ],
})
export class TicketsModule {}
