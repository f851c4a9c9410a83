import { LoggedEvent, projectTicket } from './ticket-projection';

const ANA = '00000000-0000-4000-8000-00000000000a';
const BO = '00000000-0000-4000-8000-00000000000b';

let minute = 0;
const event = (
  type: string,
  payload: Record<string, unknown> = {},
  actorId: string | null = null,
): LoggedEvent => ({
  type,
  at: new Date(Date.UTC(2025, 2, 1, 9, minute++)),
  actorId,
  payload,
});
const at = (minutes: number): Date => new Date(Date.UTC(2025, 2, 1, 9, minutes));

beforeEach(() => {
  minute = 0;
});

const createdEvent = (): LoggedEvent =>
  event('ticket.created', {
    channel: 'email',
    subject: 'Charged twice',
    category: 'duplicate_charge',
    priority: 'high',
    requester: { email: 'pat@customer.example', name: 'Pat' },
  });

describe('projectTicket', () => {
  it('takes the first agent contact — a call or an agent message that is not internal — as first response', () => {
    const withoutContact = projectTicket('T-0', [
      createdEvent(),
      event('message', { author: 'customer', visibility: 'public' }),
      event('message', { author: 'agent', visibility: 'internal' }, ANA),
    ]);
    expect(withoutContact.firstRespondedAt).toBeNull();
    minute = 0;
    const events = [
      createdEvent(),
      event('message', { author: 'agent', visibility: 'internal' }, ANA),
      event('call', { agentId: BO }, BO),
      event('message', { author: 'agent', visibility: 'public' }, ANA),
    ];
    expect(projectTicket('T-0', events).firstRespondedAt).toEqual(at(2));
  });

  it('takes the fields and creation time from ticket.created and updated_at from the latest event', () => {
    const ticket = projectTicket('T-1', [
      event('message', { author: 'customer', visibility: 'public' }),
      createdEvent(),
      event('csat', { rating: 5 }),
    ]);
    expect(ticket).toMatchObject({
      subject: 'Charged twice',
      channel: 'email',
      category: 'duplicate_charge',
      priority: 'high',
      requesterEmail: 'pat@customer.example',
      requesterPhone: null,
      requesterName: 'Pat',
      status: 'new',
      createdAt: at(1),
      updatedAt: at(2),
    });
  });

  it('keeps placeholder fields and the earliest event as creation time until ticket.created arrives', () => {
    const ticket = projectTicket('T-9', [
      event('ticket.assigned', { agentId: ANA }, ANA),
      event('csat', { rating: 2 }),
    ]);
    expect(ticket).toMatchObject({
      subject: '(imported ticket T-9)',
      channel: 'api',
      category: 'other',
      priority: 'normal',
      assigneeId: ANA,
      createdAt: at(0),
      updatedAt: at(1),
    });
  });

  it('opens a new ticket on an agent’s public reply or a call, not on a note or a customer message', () => {
    const log = [createdEvent(), event('message', { author: 'customer', visibility: 'public' })];
    expect(projectTicket('T-1', log).status).toBe('new');
    log.push(event('message', { author: 'agent', visibility: 'internal' }, ANA));
    expect(projectTicket('T-1', log).status).toBe('new');
    expect(
      projectTicket('T-1', [...log, event('message', { author: 'agent', visibility: 'public' }, ANA)]).status,
    ).toBe('open');
    expect(projectTicket('T-1', [...log, event('call', { agentId: ANA }, ANA)]).status).toBe('open');
  });

  it('assigns from the latest ticket.assigned', () => {
    const ticket = projectTicket('T-1', [
      createdEvent(),
      event('ticket.assigned', { agentId: ANA }, ANA),
      event('ticket.assigned', { agentId: BO }, BO),
    ]);
    expect(ticket.assigneeId).toBe(BO);
  });

  it('gives an unassigned ticket to whoever solves it, and keeps an existing assignee', () => {
    expect(
      projectTicket('T-1', [createdEvent(), event('ticket.solved', { agentId: BO }, BO)]).assigneeId,
    ).toBe(BO);
    expect(
      projectTicket('T-1', [
        createdEvent(),
        event('ticket.assigned', { agentId: ANA }, ANA),
        event('ticket.solved', { agentId: BO }, BO),
      ]).assigneeId,
    ).toBe(ANA);
  });

  it('solves, reopens (clearing solved_at) and solves again', () => {
    const log = [createdEvent(), event('ticket.solved', { agentId: ANA }, ANA)];
    expect(projectTicket('T-1', log)).toMatchObject({ status: 'solved', solvedAt: at(1) });
    log.push(event('ticket.reopened'));
    expect(projectTicket('T-1', log)).toMatchObject({ status: 'open', solvedAt: null });
    log.push(event('ticket.solved', { agentId: ANA }, ANA));
    expect(projectTicket('T-1', log)).toMatchObject({ status: 'solved', solvedAt: at(3) });
  });

  it('keeps closed final: later events change neither status nor solved_at', () => {
    const ticket = projectTicket('T-1', [
      createdEvent(),
      event('ticket.solved', { agentId: ANA }, ANA),
      event('ticket.closed'),
      event('ticket.reopened'),
      event('ticket.solved', { agentId: BO }, BO),
      event('message', { author: 'customer', visibility: 'public' }),
    ]);
    expect(ticket).toMatchObject({
      status: 'closed',
      solvedAt: at(1),
      closedAt: at(2),
      assigneeId: ANA,
      updatedAt: at(5),
    });
  });

  it('follows the live changes made to an imported ticket afterwards', () => {
    const ticket = projectTicket('T-1', [
      createdEvent(),
      event('ticket.subject_changed', { from: 'Charged twice', to: 'Charged twice in March' }, ANA),
      event('ticket.priority_changed', { from: 'high', to: 'urgent' }, ANA),
      event('ticket.category_changed', { from: 'duplicate_charge', to: 'refund_request' }, ANA),
      event('ticket.tags_changed', { added: ['vip', 'march'], removed: [] }, ANA),
      event('ticket.tags_changed', { added: [], removed: ['march'] }, ANA),
      event('ticket.team_changed', { teamId: BO, previousTeamId: null }, ANA),
      event('ticket.status_changed', { from: 'new', to: 'pending' }, ANA),
    ]);
    expect(ticket).toMatchObject({
      subject: 'Charged twice in March',
      priority: 'urgent',
      category: 'refund_request',
      tags: ['vip'],
      teamId: BO,
      status: 'pending',
    });
  });
});
