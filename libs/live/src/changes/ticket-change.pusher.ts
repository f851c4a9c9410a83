import { Injectable } from '@nestjs/common';
import { canSeeTicket } from '@ledgerdesk/tickets';
import { ChatPusher } from '../chat/chat.pusher';
import { QueueCountsPusher } from '../counts/queue-counts.pusher';
import { QueueMetricsPusher } from '../metrics/queue-metrics.pusher';
import { LIVE_EVENTS, TicketEventMessage } from '@ledgerdesk/contracts';
import { liveRooms } from '../sockets/live-rooms';
import { LiveSockets } from '../sockets/live-sockets';
import { TicketViewers } from '../viewers/ticket-viewers';
import { ChangedTicket, TicketChangesQuery } from './ticket-changes.query';

/**
 * Pushes a batch of committed events: `ticket.event` to the ticket's watchers, `ticket.changed`
 * to whoever's inbox shows the ticket (assignee, team, supervisors) or showed it until this
 * batch (previous assignee and team), then refreshes the counts of those inboxes and the metrics;
 * and the public side of it to the customer's open chat (ChatPusher).
 */
@Injectable()
export class TicketChangePusher {
  constructor(
    private readonly query: TicketChangesQuery,
    private readonly sockets: LiveSockets,
    private readonly viewers: TicketViewers,
    private readonly counts: QueueCountsPusher,
    private readonly metrics: QueueMetricsPusher,
    private readonly chats: ChatPusher,
  ) {}

  async push(eventIds: string[]): Promise<void> {
    this.metrics.refresh();
    if (eventIds.length === 0 || (this.sockets.connected === 0 && this.chats.connected === 0)) return;
    for (const change of await this.query.byEventIds(eventIds)) {
      await this.chats.push(change.ticket.ticketId, change.events);
      if (this.sockets.connected === 0) continue;
      await this.dropWatchersWhoLostAccess(change);
      const watchers = liveRooms.ticket(change.ticket.ticketId);
      for (const event of change.events) {
        const message: TicketEventMessage = { ticketId: change.ticket.ticketId, event };
        this.sockets.emit(watchers, LIVE_EVENTS.ticketEvent, message);
      }
      const inboxes = inboxRooms(change);
      this.sockets.emit(inboxes, LIVE_EVENTS.ticketChanged, change.ticket);
      this.counts.refresh(inboxes);
    }
  }

  /** A watcher whose agent no longer sees the ticket (moved to another team) stops watching it. */
  private async dropWatchersWhoLostAccess(change: ChangedTicket): Promise<void> {
    const { ticketId, assigneeId, teamId } = change.ticket;
    for (const socket of this.sockets.socketsIn(liveRooms.ticket(ticketId))) {
      if (!canSeeTicket(socket.data.agent, { assigneeId, teamId }))
        await this.viewers.unwatch(socket, ticketId);
    }
  }
}

function inboxRooms({ ticket, previousAssigneeIds, previousTeamIds }: ChangedTicket): string[] {
  const agents = [ticket.assigneeId, ...previousAssigneeIds].filter((id): id is string => id !== null);
  const teams = [ticket.teamId, ...previousTeamIds].filter((id): id is string => id !== null);
  return [...new Set([...agents.map(liveRooms.agent), ...teams.map(liveRooms.team), liveRooms.supervisors])];
}
