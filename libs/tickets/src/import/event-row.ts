import { newRowId } from '@ledgerdesk/shared';
import { EventActor } from '../event-log/ticket-event-type';
import { MessageKind } from '../messages/ticket-message.entity';
import { CallLine, ImportEvent, MessageLine, WorkLine } from './import-event';

/** What one imported line adds to `ticket_events`, plus its message, call or work session. */
export interface ImportedEventRow {
  externalId: string;
  ticketKey: string;
  type: ImportEvent['type'];
  actor: EventActor;
  at: string;
  payload: Record<string, unknown>;
  message?: { id: string; kind: MessageKind; authorAgentId: string | null; body: string };
  call?: { id: string; agentId: string; line: CallLine };
  work?: { id: string; agentId: string; line: WorkLine };
}

const messageKind = (line: MessageLine): MessageKind =>
  line.author === 'customer' ? 'customer' : line.visibility === 'internal' ? 'note' : 'reply';

/**
 * Maps a valid line to its log entry. The payload keeps the line's own fields, with the agent
 * resolved (`agentId`) next to the email the source desk used (`agentEmail`); message bodies
 * live in `ticket_messages`, not in the payload. `agentId` must be given for agent types.
 */
export function toEventRow(event: ImportEvent, agentId: string | undefined): ImportedEventRow {
  const { id: externalId, ticket: ticketKey, type, at } = event;
  const base = { externalId, ticketKey, type, at };
  const agent = (): { actor: EventActor; agentId: string; agentFields: Record<string, string> } => {
    if (!agentId || !('agent' in event)) throw new Error(`line ${externalId} needs a resolved agent`);
    return {
      actor: { kind: 'agent', id: agentId },
      agentId,
      agentFields: { agentId, agentEmail: event.agent },
    };
  };

  switch (event.type) {
    case 'ticket.created': {
      const { id: _id, ticket: _ticket, type: _type, at: _at, ...fields } = event;
      return { ...base, actor: { kind: 'system' }, payload: fields };
    }
    case 'ticket.assigned':
    case 'ticket.solved': {
      const { actor, agentFields } = agent();
      return { ...base, actor, payload: agentFields };
    }
    case 'ticket.reopened':
    case 'ticket.closed':
      return { ...base, actor: { kind: 'system' }, payload: {} };
    case 'csat':
      return {
        ...base,
        actor: { kind: 'customer' },
        payload: { rating: event.rating, ...(event.comment !== undefined ? { comment: event.comment } : {}) },
      };
    case 'message': {
      const id = newRowId();
      const byAgent = event.author === 'agent' ? agent() : undefined;
      return {
        ...base,
        actor: byAgent?.actor ?? { kind: 'customer' },
        payload: {
          messageId: id,
          author: event.author,
          visibility: event.visibility,
          ...byAgent?.agentFields,
        },
        message: {
          id,
          kind: messageKind(event),
          authorAgentId: byAgent?.agentId ?? null,
          body: event.body ?? '',
        },
      };
    }
    case 'call': {
      const id = newRowId();
      const { actor, agentId: callerId, agentFields } = agent();
      return {
        ...base,
        actor,
        payload: {
          callId: id,
          ...agentFields,
          direction: event.direction,
          endedAt: event.endedAt,
          holdSeconds: event.holdSeconds,
          wrapUpSeconds: event.wrapUpSeconds,
        },
        call: { id, agentId: callerId, line: event },
      };
    }
    case 'work': {
      const id = newRowId();
      const { actor, agentId: workerId, agentFields } = agent();
      return {
        ...base,
        actor,
        payload: { sessionId: id, ...agentFields, endedAt: event.endedAt, reason: 'imported' },
        work: { id, agentId: workerId, line: event },
      };
    }
  }
}
