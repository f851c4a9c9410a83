import { parse } from 'csv-parse/sync';
import { setEnvironment } from '../support/environment';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, expectFieldError, patchTicket, postMessage } from '../support/tickets';

/** A small export limit for this file (read when the app starts). */
const ENVIRONMENT = { TICKET_EXPORT_MAX_ROWS: '3' };

describe('the ticket list as CSV (GET /api/tickets/export)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let testApp: TestApp;

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENVIRONMENT);
    testApp = await TestApp.start();
  });

  afterAll(async () => {
    await testApp?.close();
    restoreEnvironment?.();
  });

  const exportFor = (agent: TestAgent, query: Record<string, string>) =>
    testApp.http().get('/api/tickets/export').query(query).set('authorization', agent.auth);
  const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });

  it('holds every ticket the list shows for the filters, in its order, formulas quoted', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam('export')]);
    const other = await testApp.agent('agent', [uniqueTeam('elsewhere')]);
    const team = agent.teamIds[0];
    const first = await createTicket(testApp, agent, {
      teamId: team,
      subject: '=HYPERLINK("https://evil.example","Refund")',
      requester: { email: 'pat@customer.example', name: 'Pat, "the" customer' },
      priority: 'high',
    });
    const second = await createTicket(testApp, agent, {
      teamId: team,
      assigneeId: agent.id,
      channel: 'phone',
    });
    await postMessage(testApp, agent, second.id, 'reply', 'Refunded.').expect(201);
    await patchTicket(testApp, agent, second.id, { status: 'solved' }).expect(200);
    await createTicket(testApp, other, { teamId: other.teamIds[0] });

    const response = await exportFor(agent, { team: 'mine', sort: 'number' }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = rowsOf(response.text);
    expect(rows.map((row) => row.number)).toEqual([first.number, second.number]);
    expect(rows[0]).toMatchObject({
      subject: `'=HYPERLINK("https://evil.example","Refund")`,
      status: 'new',
      priority: 'high',
      channel: 'email',
      requester_name: 'Pat, "the" customer',
      requester_email: 'pat@customer.example',
      assignee: '',
      first_response_sla: 'pending',
    });
    expect(rows[1]).toMatchObject({
      status: 'solved',
      channel: 'phone',
      assignee: 'Test agent',
      resolution_sla: 'met',
    });
    expect(new Date(rows[1].solved_at).getTime()).toBeGreaterThan(new Date(rows[1].created_at).getTime() - 1);
    expect(Object.keys(rows[0])).toEqual([
      'number',
      'subject',
      'status',
      'priority',
      'category',
      'channel',
      'requester_name',
      'requester_email',
      'requester_phone',
      'account_id',
      'assignee',
      'team',
      'tags',
      'created_at',
      'updated_at',
      'solved_at',
      'closed_at',
      'first_response_due_at',
      'first_response_sla',
      'resolution_due_at',
      'resolution_sla',
    ]);

    // Without filters: what the agent may see, as the list (the other team's ticket is not).
    const visible = rowsOf((await exportFor(agent, { sort: 'number' }).expect(200)).text);
    expect(visible.map((row) => row.number)).toEqual([first.number, second.number]);

    const solved = rowsOf((await exportFor(agent, { team: 'mine', status: 'solved' }).expect(200)).text);
    expect(solved.map((row) => row.number)).toEqual([second.number]);
    const none = await exportFor(agent, { team: 'mine', status: 'closed' }).expect(200);
    expect(rowsOf(none.text)).toEqual([]);
    expect(none.text.split('\n')[0]).toMatch(/^number,subject,status,/);
  });

  it('refuses more tickets than TICKET_EXPORT_MAX_ROWS, naming how many match, and bad filters', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam('big')]);
    for (let n = 0; n < 4; n += 1) await createTicket(testApp, agent, { teamId: agent.teamIds[0] });
    const refused = await exportFor(agent, { team: 'mine' }).expect(400);
    expect(refused.body.message).toBe(
      '4 tickets match; an export holds at most 3: narrow the filters (status, team, assignee, search)',
    );
    await exportFor(agent, { team: 'mine', status: 'bogus' }).expect(400);
    // An export has no pages: paging is refused by name rather than silently ignored.
    expectFieldError(await exportFor(agent, { team: 'mine', status: 'closed', pageSize: '500' }), 'pageSize');
    expectFieldError(await exportFor(agent, { team: 'mine', status: 'closed', page: '2' }), 'page');
    await testApp.http().get('/api/tickets/export').expect(401);
  });
});
