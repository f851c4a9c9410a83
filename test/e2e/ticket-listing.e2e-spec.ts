import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, expectApiError, expectFieldError, patchTicket, TicketBody } from '../support/tickets';

interface Page {
  items: TicketBody[];
  total: number;
  page: number;
  pageSize: number;
}

describe('GET /api/tickets (listing)', () => {
  let testApp: TestApp;
  let supervisor: TestAgent;
  /** In team A only. */
  let agent: TestAgent;
  /** In team B only. */
  let other: TestAgent;
  let teamA: string;
  let teamB: string;
  const tickets: Record<string, TicketBody> = {};
  const marker = `m${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    testApp = await TestApp.start();
    supervisor = await testApp.agent('supervisor');
    agent = await testApp.agent('agent', [uniqueTeam('list-a')]);
    other = await testApp.agent('agent', [uniqueTeam('list-b')]);
    teamA = agent.teamIds[0];
    teamB = other.teamIds[0];

    const open = (key: string, input: Record<string, unknown>) =>
      createTicket(testApp, supervisor, input).then((ticket) => (tickets[key] = ticket));
    // Created one after the other so createdAt orders them.
    await open('refund', {
      teamId: teamA,
      subject: `Refund please ${marker}`,
      channel: 'email',
      category: 'refund_request',
      priority: 'high',
      tags: ['refund', 'vip'],
      requester: { email: 'ann@alpha.example', name: 'Ann Alpha' },
    });
    await open('phone', {
      teamId: teamA,
      subject: `Card declined ${marker}`,
      channel: 'phone',
      category: 'payment_method',
      priority: 'urgent',
      requester: { phone: '+1 555 0100', name: 'Bob Beta' },
    });
    await open('mine', {
      teamId: teamA,
      subject: `Invoice copy ${marker}`,
      channel: 'chat',
      category: 'invoice_question',
      priority: 'low',
      assigneeId: agent.id,
      tags: ['invoice'],
      requester: { email: 'cat@gamma.example' },
    });
    await open('teamB', {
      teamId: teamB,
      subject: `Plan downgrade ${marker}`,
      channel: 'web',
      category: 'plan_change',
      requester: { email: 'dan@delta.example' },
    });
    await open('teamBMine', {
      teamId: teamB,
      subject: `Duplicate 100%_charge ${marker}`,
      channel: 'api',
      category: 'duplicate_charge',
      assigneeId: agent.id,
      requester: { email: 'eve@epsilon.example', name: 'Eve Epsilon' },
    });
    await patchTicket(testApp, supervisor, tickets.phone.id, { status: 'pending' }).expect(200);
    await patchTicket(testApp, supervisor, tickets.teamB.id, { status: 'open' }).expect(200);
  });

  afterAll(() => testApp.close());

  const list = async (caller: TestAgent, query: Record<string, string | number>): Promise<Page> => {
    const response = await testApp.http().get('/api/tickets').query(query).set('Authorization', caller.auth);
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Page;
  };
  const keysOf = (page: Page): string[] =>
    page.items.map((item) => Object.keys(tickets).find((key) => tickets[key].id === item.id) ?? item.id);

  describe('who sees what', () => {
    it('shows an agent its teams’ tickets and those assigned to it, with a matching total', async () => {
      const page = await list(agent, { q: marker });
      expect(keysOf(page).sort()).toEqual(['mine', 'phone', 'refund', 'teamBMine'].sort());
      expect(page.total).toBe(4);
    });

    it('shows an agent of another team only that team’s tickets', async () => {
      const page = await list(other, { q: marker });
      expect(keysOf(page).sort()).toEqual(['teamB', 'teamBMine']);
    });

    it('shows a supervisor every team’s tickets', async () => {
      const page = await list(supervisor, { q: marker });
      expect(page.total).toBe(5);
      expect((await list(supervisor, { team: teamB })).total).toBe(2);
    });

    it('returns nothing, rather than 403, when an agent filters on another team', async () => {
      const page = await list(other, { team: teamA });
      expect(page).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
    });
  });

  describe('filters', () => {
    it.each([
      ['one status', { status: 'new' }, ['mine', 'refund']],
      ['a comma-separated list of statuses', { status: 'pending,open' }, ['phone']],
      ['a channel', { channel: 'phone' }, ['phone']],
      ['several channels', { channel: 'chat,email' }, ['mine', 'refund']],
      ['a category', { category: 'refund_request' }, ['refund']],
      ['a priority', { priority: 'urgent,low' }, ['mine', 'phone']],
      ['a tag', { tag: 'vip' }, ['refund']],
      ['the assignee "me"', { assignee: 'me' }, ['mine']],
      ['the assignee "none"', { assignee: 'none' }, ['phone', 'refund']],
      ['"my teams"', { team: 'mine' }, ['mine', 'phone', 'refund']],
    ])('filters on %s', async (_, query, expected) => {
      const page = await list(agent, { team: teamA, ...query });
      expect(keysOf(page).sort()).toEqual(expected);
      expect(page.total).toBe(expected.length);
    });

    it('filters on an assignee id, across teams for a supervisor', async () => {
      const page = await list(supervisor, { assignee: agent.id, q: marker });
      expect(keysOf(page).sort()).toEqual(['mine', 'teamBMine']);
    });

    it('filters on tickets without a team', async () => {
      const loner = await testApp.agent('agent');
      const own = `loner${Math.random().toString(36).slice(2, 10)}`;
      const ticket = await createTicket(testApp, loner, { subject: `No team ${own}` });
      const page = await list(supervisor, { team: 'none', q: own });
      expect(page.items.map((item) => item.id)).toEqual([ticket.id]);
    });

    it('combines filters with AND', async () => {
      expect(keysOf(await list(agent, { team: teamA, status: 'new', priority: 'high' }))).toEqual(['refund']);
      expect((await list(agent, { team: teamA, status: 'pending', priority: 'high' })).total).toBe(0);
    });

    it('filters on a requester: the email in any letter case, or the phone, exactly', async () => {
      expect(keysOf(await list(agent, { team: teamA, requester: 'ANN@Alpha.example' }))).toEqual(['refund']);
      expect(keysOf(await list(agent, { team: teamA, requester: '+1 555 0100' }))).toEqual(['phone']);
      // Exact, unlike q: part of an address is not the customer.
      expect((await list(agent, { team: teamA, requester: 'ann@alpha' })).total).toBe(0);
      // Only the tickets the caller may see.
      expect((await list(other, { requester: 'cat@gamma.example' })).total).toBe(0);
      expect(keysOf(await list(supervisor, { requester: 'eve@epsilon.example' }))).toEqual(['teamBMine']);
    });

    describe('text search q', () => {
      it.each([
        ['the ticket number', (): string => tickets.phone.number, ['phone']],
        ['the number without prefix', (): string => tickets.phone.number.replace('LD-', ''), ['phone']],
        ['the number in lower case', (): string => tickets.phone.number.toLowerCase(), ['phone']],
        ['a word of the subject, any case', (): string => `refund PLEASE ${marker}`, ['refund']],
        ['the requester email', (): string => 'ann@alpha', ['refund']],
        ['the requester name', (): string => 'bob beta', ['phone']],
        ['the requester phone', (): string => '555 0100', ['phone']],
      ])('finds by %s', async (_, q, expected) => {
        const page = await list(agent, { team: teamA, q: q() });
        expect(keysOf(page)).toEqual(expected);
      });

      it('treats % and _ literally', async () => {
        expect(keysOf(await list(supervisor, { q: '100%_charge' }))).toEqual(['teamBMine']);
        expect((await list(supervisor, { q: `100%${marker}` })).total).toBe(0);
        expect((await list(supervisor, { q: '%', team: teamA })).total).toBe(0);
      });
    });
  });

  describe('sorting and pagination', () => {
    it('sorts newest first by default', async () => {
      expect(keysOf(await list(agent, { team: teamA }))).toEqual(['mine', 'phone', 'refund']);
    });

    it.each([
      ['number', ['refund', 'phone', 'mine']],
      ['-number', ['mine', 'phone', 'refund']],
      ['createdAt', ['refund', 'phone', 'mine']],
      ['priority', ['mine', 'refund', 'phone']],
      ['-priority', ['phone', 'refund', 'mine']],
    ])('sorts by %s', async (sort, expected) => {
      expect(keysOf(await list(agent, { team: teamA, sort }))).toEqual(expected);
    });

    it('sorts by status in lifecycle order, not alphabetically', async () => {
      const member = await testApp.agent('agent', [uniqueTeam('by-status')]);
      const byStatus: Record<string, string> = {};
      for (const status of ['on_hold', 'new', 'pending']) {
        const ticket = await createTicket(testApp, member);
        if (status !== 'new') await patchTicket(testApp, member, ticket.id, { status }).expect(200);
        byStatus[ticket.id] = status;
      }
      const statuses = async (sort: string): Promise<string[]> =>
        (await list(member, { team: 'mine', sort })).items.map((item) => byStatus[item.id]);
      // Alphabetically on_hold would come before pending.
      expect(await statuses('status')).toEqual(['new', 'pending', 'on_hold']);
      expect(await statuses('-status')).toEqual(['on_hold', 'pending', 'new']);
    });

    it('pages with totals: pages are disjoint, cover everything and keep a stable order', async () => {
      const all = await list(supervisor, { q: marker, sort: 'number', pageSize: 100 });
      expect(all.total).toBe(5);
      const seen: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const result = await list(supervisor, { q: marker, sort: 'number', page, pageSize: 2 });
        expect(result).toMatchObject({ total: 5, page, pageSize: 2 });
        expect(result.items).toHaveLength(page < 3 ? 2 : 1);
        seen.push(...result.items.map((item) => item.id));
      }
      expect(seen).toEqual(all.items.map((item) => item.id));
      const beyond = await list(supervisor, { q: marker, page: 4, pageSize: 2 });
      expect(beyond).toEqual({ items: [], total: 5, page: 4, pageSize: 2 });
    });

    it('breaks ties in the sort key by id so pages never overlap', async () => {
      const team = uniqueTeam('ties');
      const member = await testApp.agent('agent', [team]);
      for (let index = 0; index < 6; index += 1) {
        await createTicket(testApp, member, { priority: 'normal' });
      }
      const ids: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const result = await list(member, { team: 'mine', sort: 'priority', page, pageSize: 2 });
        ids.push(...result.items.map((item) => item.id));
      }
      expect(new Set(ids).size).toBe(6);
    });
  });

  describe('bad queries (400 naming the parameter)', () => {
    it.each([
      [{ status: 'done' }, 'status'],
      [{ status: 'open,done' }, 'status'],
      [{ channel: 'fax' }, 'channel'],
      [{ category: 'tax' }, 'category'],
      [{ priority: 'p1' }, 'priority'],
      [{ assignee: 'bob' }, 'assignee'],
      [{ team: 'everyone' }, 'team'],
      [{ sort: 'subject' }, 'sort'],
      [{ page: 0 }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ page: 1.5 }, 'page'],
      [{ pageSize: 101 }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ requester: 'x'.repeat(321) }, 'requester'],
      [{ owner: 'me' }, 'owner'],
    ])('rejects %j', async (query, field) => {
      const response = await testApp.http().get('/api/tickets').query(query).set('Authorization', agent.auth);
      expectFieldError(response, field);
    });

    it('rejects a repeated single-valued parameter', async () => {
      const response = await testApp
        .http()
        .get('/api/tickets?assignee=me&assignee=none')
        .set('Authorization', agent.auth);
      expectFieldError(response, 'assignee');
    });
  });

  it('refuses a listing without a token (401)', async () => {
    expectApiError(await testApp.http().get('/api/tickets'), 401);
  });
});
