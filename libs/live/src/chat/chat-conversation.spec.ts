import { TicketEventItem } from '@ledgerdesk/contracts';
import { ChatLinkRefused, chatMessageOf, connectionRefusal, firstName } from './chat-conversation';

const at = new Date('2026-11-26T10:00:00Z');
const messageEvent = (kind: string, name: string | null, bodyText = 'Hello'): TicketEventItem => ({
  id: '41',
  type: 'message',
  at,
  recordedAt: at,
  source: 'live',
  actor: { kind: kind === 'customer' ? 'customer' : 'agent', id: null, name },
  payload: {},
  message: { id: 'b3f1c2de-0000-4000-8000-000000000001', kind, bodyHtml: `<p>${bodyText}</p>`, bodyText },
});

describe('what a customer’s chat shows of a committed event', () => {
  it('shows the customer’s messages and the desk’s public replies, by the agent’s first name', () => {
    expect(chatMessageOf(messageEvent('reply', 'Ada  Lovelace', 'Refunded.'))).toEqual({
      id: 'b3f1c2de-0000-4000-8000-000000000001',
      from: 'desk',
      agentName: 'Ada',
      at,
      text: 'Refunded.',
    });
    expect(chatMessageOf(messageEvent('customer', 'Jo Chat'))).toMatchObject({
      from: 'customer',
      agentName: null,
    });
  });

  it('never shows an internal note or an event without a message', () => {
    expect(chatMessageOf(messageEvent('note', 'Ada Lovelace', 'Check the pre-auth'))).toBeUndefined();
    expect(
      chatMessageOf({ ...messageEvent('reply', 'Ada'), type: 'ticket.solved', message: undefined }),
    ).toBeUndefined();
  });

  it('names nobody when the agent has no name', () => {
    expect(firstName(null)).toBeNull();
    expect(firstName('   ')).toBeNull();
  });
});

describe('what a refused chat connection tells the page', () => {
  it('says why its link opens nothing, and nothing of other failures', () => {
    expect(connectionRefusal(new ChatLinkRefused('This link has expired')).message).toBe(
      'This link has expired',
    );
    expect(connectionRefusal(new Error('connect ECONNREFUSED 127.0.0.1:5432')).message).toBe(
      'The chat is not available right now; please try again',
    );
  });
});
