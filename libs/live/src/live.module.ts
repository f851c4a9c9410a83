import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { KpiModule } from '@ledgerdesk/kpi';
import { TicketsModule } from '@ledgerdesk/tickets';
import { ChatGateway } from './chat/chat.gateway';
import { ChatPusher } from './chat/chat.pusher';
import { ChatSockets } from './chat/chat-sockets';
import { CustomerPresence } from './chat/customer-presence';
import { CommittedChangesListener } from './changes/committed-changes.listener';
import { TicketChangePusher } from './changes/ticket-change.pusher';
import { TicketChangesQuery } from './changes/ticket-changes.query';
import { QueueCountsPusher } from './counts/queue-counts.pusher';
import { QueueCountsQuery } from './counts/queue-counts.query';
import { LiveGateway } from './live.gateway';
import { AgentConnections } from './presence/agent-connections';
import { LiveSessions } from './sessions/live-sessions';
import { LiveInstance } from './sockets/live-instance';
import { QueueMetricsPusher } from './metrics/queue-metrics.pusher';
import { QueueMetricsQuery } from './metrics/queue-metrics.query';
import { LiveSockets } from './sockets/live-sockets';
import { TicketViewers } from './viewers/ticket-viewers';

@Module({
  imports: [AgentsModule, TicketsModule, KpiModule],
  providers: [
    LiveGateway,
    LiveSockets,
    LiveInstance,
    TicketViewers,
    AgentConnections,
    LiveSessions,
    CommittedChangesListener,
    TicketChangesQuery,
    TicketChangePusher,
    QueueCountsQuery,
    QueueCountsPusher,
    QueueMetricsQuery,
    QueueMetricsPusher,
    ChatGateway,
    ChatSockets,
    ChatPusher,
    CustomerPresence,
  ],
  exports: [CommittedChangesListener, QueueMetricsPusher],
})
export class LiveModule {}
