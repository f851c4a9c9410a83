import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, createInvoice, line } from '../support/billing';
import { startWorker } from '../support/kpi';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket } from '../support/tickets';
import { RunningApi, startApi } from './support/api-process';
import { launchChromium, screenshot } from './support/chromium';

const VIEWPORT = { width: 1280, height: 800 };

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('web console in Chromium', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let api: RunningApi;
  let browser: Browser;
  let agent: TestAgent;
  let supervisor: TestAgent;
  let ticket: { id: string; number: string };
  /** The same account's earlier ticket, listed beside the ticket. */
  let earlier: { id: string; number: string };
  let team: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    testApp = await TestApp.start();
    [worker, api, browser] = await Promise.all([startWorker(), startApi(), launchChromium()]);
    team = uniqueTeam('billing');
    await testApp
      .http()
      .post('/api/teams')
      .set('authorization', (await testApp.agent('admin')).auth)
      .send({ name: team });
    agent = await testApp.agent('agent', [team]);
    supervisor = await testApp.agent('supervisor', [team]);
    const account = await createAccount(testApp, supervisor);
    await createInvoice(testApp, supervisor, account.id, {
      number: `INV-${account.number}`,
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(12000, 1, 'Pro plan')],
    });
    earlier = await createTicket(testApp, agent, {
      subject: 'Copy of the September invoice',
      category: 'invoice_question',
      account: account.number,
      teamId: agent.teamIds[0],
    });
    ticket = await createTicket(testApp, agent, {
      subject: 'Charged twice for October',
      account: account.number,
      assigneeId: agent.id,
      teamId: agent.teamIds[0],
    });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await api?.stop();
    await worker?.close();
    await testApp?.close();
  });

  /** A fresh browser context (its own localStorage), signed in as `who`. */
  async function signIn(who: TestAgent): Promise<Page> {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      baseURL: api.url,
      timezoneId: 'Europe/Berlin',
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, who);
    return page;
  }

  async function logIn(page: Page, who: TestAgent): Promise<void> {
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** The presence cell of an agent's row in the dashboard's live agents table, once it reads `text`. */
  const presenceShown = (dashboard: Page, agentId: string, text: string) =>
    dashboard
      .locator(`tr[data-agent="${agentId}"] td.presence-cell`)
      .filter({ hasText: new RegExp(`^\\s*${text}$`) })
      .waitFor({ timeout: 15_000 });

  it('serves the console at / with deep links, and leaves /api, /health and /csat to the server', async () => {
    const deepLink = await fetch(`${api.url}/tickets/${ticket.id}`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    expect(await deepLink.text()).toContain('<div id="root">');

    const unknownApi = await fetch(`${api.url}/api/no-such-route`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await fetch(`${api.url}/health`)).headers.get('content-type')).toContain('application/json');
  });

  it('lets an agent work a ticket from the inbox: reply, log a call, record a payment', async () => {
    const page = await signIn(agent);
    const row = page.locator(`tr[data-ticket="${ticket.number}"]`);
    await row.waitFor();
    await page.locator('[data-count="mine"]').filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'inbox');

    // Keyboard: the first row is selected; Enter opens it.
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: /Charged twice for October/ }).waitFor();

    await page.keyboard.press('r');
    await page.getByLabel('Reply to the customer').fill('We refunded the duplicate charge today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.entry-reply', { hasText: 'We refunded the duplicate charge today.' }).waitFor();

    await page.getByRole('button', { name: 'Start call' }).click();
    await page.waitForTimeout(1200);
    await page.getByRole('button', { name: 'Hold' }).click();
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'End call' }).click();
    await page.getByLabel('Notes').fill('Walked through the October invoice');
    await page.getByRole('button', { name: 'Finish wrap-up and log call' }).click();
    const call = page.locator('.entry-call', { hasText: 'Walked through the October invoice' });
    await call.waitFor();
    expect(await call.textContent()).toMatch(/hold 0:01/);

    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByLabel('Amount (EUR)').fill('120.00');
    await page.getByLabel('Reference').fill('NW-7781');
    await page
      .locator('form[aria-label="Record a payment"]')
      .getByRole('button', { name: 'Record payment' })
      .click();
    await page.locator('.entry-billing', { hasText: 'Payment recorded' }).waitFor();
    await page.getByTestId('balance').filter({ hasText: '€0.00' }).waitFor();
    const otherTickets = page.getByRole('region', { name: 'The account’s other tickets' });
    await otherTickets.getByRole('link', { name: earlier.number }).waitFor();
    expect(await otherTickets.textContent()).toContain('Copy of the September invoice');
    // The ticket's own KPIs, from the worker: the reply was the first response, linked to its event.
    const firstResponse = page.locator('[data-kpi="first-response"]').filter({ hasText: 'by Test agent' });
    await firstResponse.waitFor({ timeout: 15_000 });
    const [reply] = await testApp.dataSource.query<{ id: string }[]>(
      `SELECT id::text AS id FROM ticket_events WHERE ticket_id = $1 AND type = 'message' AND actor_kind = 'agent'`,
      [ticket.id],
    );
    expect(await firstResponse.locator('a').getAttribute('href')).toBe(`#event-${reply.id}`);
    await screenshot(page, 'ticket');

    const logged = await testApp.dataSource.query<{ type: string }[]>(
      `SELECT type FROM ticket_events WHERE ticket_id = $1 AND type IN ('message', 'call', 'billing.action') ORDER BY at`,
      [ticket.id],
    );
    expect(logged.map((event) => event.type)).toEqual(
      expect.arrayContaining(['message', 'call', 'billing.action']),
    );
    const [calls] = await testApp.dataSource.query<{ hold_seconds: number; seconds: number }[]>(
      `SELECT hold_seconds, extract(epoch FROM ended_at - started_at)::int AS seconds FROM ticket_calls WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(calls.hold_seconds).toBeGreaterThanOrEqual(1);
    expect(calls.seconds).toBeGreaterThanOrEqual(2);
  });

  it('updates an open supervisor dashboard live when the agent solves the ticket, period table included, without reload', async () => {
    const dashboard = await signIn(supervisor);
    await dashboard.goto('/dashboard');
    const resolvedToday = dashboard.getByTestId('metric-resolved-today');
    await resolvedToday.waitFor({ timeout: 15_000 });
    const before = Number(await resolvedToday.textContent());
    const resolvedInTable = dashboard.locator(`tr[data-agent="${agent.id}"] td[data-kpi="resolved"]`);
    await resolvedInTable.filter({ hasText: /^0/ }).waitFor();
    const scorecardRequests: string[] = [];
    dashboard.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/kpis/agents') scorecardRequests.push(request.url());
    });
    await dashboard.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    const page = await signIn(agent);
    await page.goto(`/tickets/${ticket.id}`);
    await page.getByLabel('Status', { exact: true }).selectOption('solved');
    await page.getByTestId('ticket-status').filter({ hasText: 'Solved' }).waitFor();

    await resolvedToday.filter({ hasText: String(before + 1) }).waitFor({ timeout: 15_000 });
    // The period's agent table (it includes today) reloads by itself on the push: once, not polled.
    await resolvedInTable.filter({ hasText: /^1/ }).waitFor({ timeout: 15_000 });
    expect(scorecardRequests.length).toBeGreaterThanOrEqual(1);
    expect(scorecardRequests.length).toBeLessThanOrEqual(2);
    expect(await dashboard.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(dashboard, 'dashboard');
  });

  it('names each dashboard chart and makes it one keyboard stop, not one per recharts layer', async () => {
    const dashboard = await signIn(supervisor);
    await dashboard.goto('/dashboard');
    await dashboard.locator('.charts svg.recharts-surface').first().waitFor({ timeout: 15_000 });
    await dashboard.getByRole('button', { name: 'Export CSV' }).focus();
    // Tab through everything after the agent table's export button: the charts come last.
    const stops: { tag: string; role: string | null; name: string | null }[] = [];
    for (let press = 0; press < 80; press += 1) {
      await dashboard.keyboard.press('Tab');
      const focused = dashboard.locator('.charts :focus');
      const stop =
        (await focused.count()) === 0
          ? null
          : {
              tag: await focused.evaluate((element: { tagName: string }) => element.tagName.toLowerCase()),
              role: await focused.getAttribute('role'),
              name: await focused.getAttribute('aria-label'),
            };
      if (!stop) {
        if (stops.length > 0) break;
        continue;
      }
      stops.push(stop);
    }
    expect(stops.map((stop) => [stop.tag, stop.role])).toEqual(Array(4).fill(['svg', 'application']));
    expect(stops.map((stop) => stop.name)).toEqual([
      expect.stringMatching(/^Median first response in minutes, per day, /),
      expect.stringMatching(/^CSAT score, per day, /),
      expect.stringMatching(/^Tickets created by channel, /),
      expect.stringMatching(/^Tickets created by category, /),
    ]);
  });

  it('shows an agent Available on the live dashboard once they sign in, Offline after sign-out, and keeps a chosen presence', async () => {
    const newcomer = await testApp.agent('agent', [team]);
    const dashboard = await signIn(supervisor);
    await dashboard.goto('/dashboard');
    await presenceShown(dashboard, newcomer.id, 'Offline');
    await dashboard.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    const page = await signIn(newcomer);
    await presenceShown(dashboard, newcomer.id, 'Available');
    const select = page.getByLabel('My presence');
    expect(await select.inputValue()).toBe('available');

    await select.selectOption('away');
    await presenceShown(dashboard, newcomer.id, 'Away');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await presenceShown(dashboard, newcomer.id, 'Offline');

    // The same browser remembers the choice: the next sign-in goes back to Away, not Available.
    await logIn(page, newcomer);
    await presenceShown(dashboard, newcomer.id, 'Away');
    expect(await page.getByLabel('My presence').inputValue()).toBe('away');
    const [stored] = await testApp.dataSource.query<{ presence: string }[]>(
      `SELECT presence FROM agents WHERE id = $1`,
      [newcomer.id],
    );
    expect(stored.presence).toBe('away');
    expect(await dashboard.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(dashboard, 'dashboard-presence');
  });

  it('lets a supervisor edit SLA policies and KPI targets, with errors next to the field; agents see targets read-only and marked', async () => {
    const page = await signIn(supervisor);
    await page.getByRole('link', { name: 'Targets' }).click();
    const firstResponse = page.getByLabel('Low: First response (minutes)');
    await firstResponse.fill('5000');
    await page.locator('tr[data-priority="low"]').getByRole('button', { name: 'Save' }).click();
    await page
      .locator('tr[data-priority="low"] .field-error')
      .filter({ hasText: 'Enter at most the resolution time' })
      .waitFor();
    expect(await firstResponse.getAttribute('aria-invalid')).toBe('true');
    await firstResponse.fill('240');
    await page.locator('tr[data-priority="low"]').getByRole('button', { name: 'Save' }).click();
    await page
      .locator('tr[data-priority="low"]')
      .getByRole('status')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const [low] = await testApp.dataSource.query<{ first_response_minutes: number }[]>(
      `SELECT first_response_minutes FROM sla_policies WHERE priority = 'low'`,
    );
    expect(low.first_response_minutes).toBe(240);

    // Business hours: a holiday added from the form lands in the schedule.
    await page.getByLabel('Date').fill('2026-12-24');
    await page.getByLabel('Name', { exact: true }).fill('Christmas Eve');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('status').filter({ hasText: '2026-12-24 saved' }).waitFor();
    expect(
      await testApp.dataSource.query(`SELECT name FROM business_holidays WHERE day = '2026-12-24'`),
    ).toEqual([{ name: 'Christmas Eve' }]);
    await page.getByRole('button', { name: 'Remove Christmas Eve' }).waitFor();

    // FCR target 100 % for the agent's team: their FCR of 0 % today misses it.
    await page.getByLabel('Scope').selectOption({ label: `Team ${team}` });
    await page.getByLabel('First-contact resolution', { exact: true }).fill('100');
    await page.locator('tr[data-target-kpi="fcrRate"]').getByRole('button', { name: 'Save' }).click();
    await page
      .locator('tr[data-target-kpi="fcrRate"]')
      .getByRole('status')
      .filter({ hasText: 'Saved' })
      .waitFor();
    await screenshot(page, 'targets');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page
      .locator(`tr[data-agent="${agent.id}"] td[data-kpi="fcrRate"] .target-missed`)
      .filter({ hasText: '≥ 100 %' })
      .waitFor({ timeout: 15_000 });

    const agentPage = await signIn(agent);
    await agentPage.goto('/scorecard');
    const fcrToday = agentPage.locator('td[data-kpi="fcrRate-today"] .target');
    await fcrToday.waitFor();
    expect(await fcrToday.textContent()).toContain('misses the target of at least 100 %');
    await screenshot(agentPage, 'scorecard');
    await agentPage.getByRole('link', { name: 'Targets' }).click();
    await agentPage.getByText('Read-only: supervisors and admins set these targets.').waitFor();
    expect(await agentPage.getByRole('spinbutton').count()).toBe(0);
  });

  it('shows two agents on one ticket to each other, "replying" while one types, and records the work session of the heartbeats', async () => {
    const colleague = await testApp.agent('agent', [team]);
    const shared = await createTicket(testApp, agent, {
      subject: 'Invoice address is wrong',
      teamId: agent.teamIds[0],
    });
    const first = await signIn(agent);
    await first.goto(`/tickets/${shared.id}`);
    const second = await signIn(colleague);
    // From the inbox, as agents do (the page's URL changes without a reload).
    await second.goto(`/?view=team&q=${encodeURIComponent('Invoice address is wrong')}`);
    await second.locator(`tr[data-ticket="${shared.number}"]`).waitFor();
    await second.keyboard.press('Enter');
    await first.getByRole('heading', { name: /Invoice address is wrong/ }).waitFor();
    await second.getByRole('heading', { name: /Invoice address is wrong/ }).waitFor();

    // Each sees only the other (the presence bar leaves out the agent's own entry).
    await first.locator('.presence .viewer-viewing').filter({ hasText: 'is also viewing' }).waitFor();
    await second.locator('.presence .viewer-viewing').filter({ hasText: 'is also viewing' }).waitFor();
    expect(await first.locator('.presence .viewer').count()).toBe(1);

    await second.getByLabel('Reply to the customer').fill('Checking the billing address now');
    await first.locator('.presence .viewer-replying').filter({ hasText: 'is replying' }).waitFor();
    await screenshot(first, 'ticket-presence');
    await second.getByLabel('Reply to the customer').fill('');
    await first.locator('.presence .viewer-viewing').filter({ hasText: 'is also viewing' }).waitFor();

    // The heartbeat of the open ticket (sent at once while the tab is active) opens a work session.
    await second.mouse.move(200, 200);
    const openSessions = async () =>
      (
        await testApp.dataSource.query<{ agent_id: string }[]>(
          `SELECT agent_id FROM work_sessions WHERE ticket_id = $1 AND ended_at IS NULL`,
          [shared.id],
        )
      ).map((row) => row.agent_id);
    await waitUntil(async () => (await openSessions()).includes(colleague.id));

    // Leaving the ticket ends that session and the other agent sees them go.
    await second.getByRole('link', { name: '← Inbox' }).click();
    await first.locator('.presence').waitFor({ state: 'detached' });
    await waitUntil(async () => !(await openSessions()).includes(colleague.id));
    const sessionsOf = (who: TestAgent) =>
      testApp.dataSource.query<{ end_reason: string | null; seconds: number | null }[]>(
        `SELECT end_reason, extract(epoch FROM ended_at - started_at) AS seconds
           FROM work_sessions WHERE ticket_id = $1 AND agent_id = $2`,
        [shared.id, who.id],
      );
    // One visit, one session: the console once restarted it whenever the page's URL changed.
    const [ended, ...more] = await sessionsOf(colleague);
    expect(more).toEqual([]);
    expect(ended.end_reason).toBe('stopped');
    expect(Number(ended.seconds)).toBeGreaterThanOrEqual(0);

    // Signing out from the ticket ends the session there and then (it used to stay open, its stop
    // refused for want of a token), and the next sign-in on this browser starts at the inbox.
    await first.mouse.move(300, 300);
    await waitUntil(async () => (await openSessions()).includes(agent.id));
    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.waitForURL((url) => url.pathname === '/login');
    expect(new URL(first.url()).search).toBe('');
    await waitUntil(async () => !(await openSessions()).includes(agent.id));
    expect((await sessionsOf(agent)).map((session) => session.end_reason)).toEqual(['stopped']);
  });

  it('links a ticket without an account to one found by search, then shows its billing; "assigned" entries name the assignee', async () => {
    const account = await createAccount(testApp, supervisor, {
      name: 'Harbour Lights Ltd',
      contacts: [{ email: 'accounts@harbour-lights.example' }],
    });
    const loose = await createTicket(testApp, agent, {
      subject: 'Which account is this?',
      teamId: agent.teamIds[0],
    });
    const page = await signIn(agent);
    await page.goto(`/tickets/${loose.id}`);
    await page.getByText('No customer account is linked to this ticket.').waitFor();

    await page.getByLabel('Link a customer account').fill('accounts@harbour-lights');
    await page.getByRole('button', { name: 'Link Harbour Lights Ltd' }).click();
    await page.getByRole('heading', { name: `Billing · Harbour Lights Ltd (${account.number})` }).waitFor();
    await page.getByTestId('balance').filter({ hasText: '€0.00' }).waitFor();
    await page
      .locator('.entry', { hasText: /Customer account Harbour Lights Ltd \(.+\) linked by Test agent/ })
      .waitFor();

    await page.getByLabel('Assignee').selectOption({ label: 'Test supervisor' });
    await page.locator('.entry', { hasText: 'Assigned to Test supervisor by Test agent' }).waitFor();
    await screenshot(page, 'ticket-linked');

    const [stored] = await testApp.dataSource.query<{ customer_account_id: string }[]>(
      `SELECT customer_account_id FROM tickets WHERE id = $1`,
      [loose.id],
    );
    expect(stored.customer_account_id).toBe(account.id);
  });
  it('holds a large credit an agent proposes for a supervisor, who finds it under Approvals and approves it from the ticket', async () => {
    const account = await createAccount(testApp, supervisor, { name: 'Blue Yonder Airlines' });
    await createInvoice(testApp, supervisor, account.id, {
      number: `INV-${account.number}`,
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(40000, 1, 'Enterprise plan')],
    });
    const disputed = await createTicket(testApp, agent, {
      subject: 'Please credit the outage week',
      account: account.number,
      assigneeId: agent.id,
      teamId: agent.teamIds[0],
    });

    const agentPage = await signIn(agent);
    await agentPage.goto(`/tickets/${disputed.id}`);
    await agentPage.getByTestId('balance').filter({ hasText: '€400.00' }).waitFor();
    // Every column of the invoices, the Dispute action included, fits the panel without scrolling.
    const panel = (await agentPage.locator('.billing-panel').boundingBox())!;
    const dispute = (await agentPage
      .getByRole('button', { name: `Dispute INV-${account.number}` })
      .boundingBox())!;
    expect(dispute.x + dispute.width).toBeLessThanOrEqual(panel.x + panel.width);
    await agentPage.getByRole('button', { name: 'Propose adjustment' }).click();
    await agentPage.getByLabel('Amount (EUR)').fill('150.00');
    await agentPage.getByLabel('Reason').selectOption({ label: 'Service issue' });
    await agentPage.getByLabel('Memo').fill('Outage 3–9 March');
    await agentPage
      .locator('form[aria-label="Propose an adjustment"]')
      .getByRole('button', { name: 'Propose adjustment' })
      .click();
    await agentPage.getByRole('status').filter({ hasText: 'waits for another supervisor' }).waitFor();
    await agentPage.locator('.adjustment-pending_approval', { hasText: 'Outage 3–9 March' }).waitFor();
    expect(await agentPage.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await agentPage.getByTestId('balance').filter({ hasText: '€400.00' }).waitFor();

    const supervisorPage = await signIn(supervisor);
    await supervisorPage.getByRole('link', { name: 'Approvals' }).click();
    await supervisorPage.getByRole('heading', { name: 'Approvals' }).waitFor();
    await supervisorPage
      .locator('.adjustment-pending_approval', { hasText: `Blue Yonder Airlines (${account.number})` })
      .waitFor();
    await screenshot(supervisorPage, 'approvals');

    await supervisorPage.goto(`/tickets/${disputed.id}`);
    await supervisorPage.getByRole('button', { name: 'Approve Credit note €150.00' }).click();
    await supervisorPage
      .locator('form[aria-label="Approve the credit note of €150.00"]')
      .getByRole('button', { name: 'Approve' })
      .click();
    await supervisorPage.getByTestId('balance').filter({ hasText: '€250.00' }).waitFor();
    await supervisorPage.locator('.adjustment-approved', { hasText: 'Outage 3–9 March' }).waitFor();
    await supervisorPage
      .locator('.entry-billing', { hasText: 'Adjustment approved by Test supervisor' })
      .filter({ hasText: '€150.00' })
      .waitFor();
    await screenshot(supervisorPage, 'ticket-adjustment-approved');
  });
  it('inserts a reply template filled from the ticket, which the agent edits and sends', async () => {
    const account = await createAccount(testApp, supervisor, { name: 'Fabrikam Ltd' });
    await createInvoice(testApp, supervisor, account.id, {
      number: `INV-${account.number}`,
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(9900, 1, 'Team plan')],
    });
    const name = `Balance ${randomUUID().slice(0, 6)}`;
    await testApp
      .http()
      .post('/api/reply-templates')
      .set('authorization', supervisor.auth)
      .send({
        name,
        body: 'Hello {{customer.firstName}}, the balance of {{account.number}} is {{account.balance}}.',
      })
      .expect(201);
    const asked = await createTicket(testApp, agent, {
      subject: 'What do I owe?',
      account: account.number,
      assigneeId: agent.id,
      teamId: agent.teamIds[0],
    });

    const page = await signIn(agent);
    await page.goto(`/tickets/${asked.id}`);
    await page.getByTestId('balance').filter({ hasText: '€99.00' }).waitFor();
    await page.getByLabel('Reply to the customer').fill('Thanks for asking. ');
    await page.getByLabel('Insert a reply template').selectOption({ label: name });
    const box = page.getByLabel('Reply to the customer');
    await expect(box.inputValue()).resolves.toBe(
      `Thanks for asking. Hello Pat, the balance of ${account.number} is €99.00.`,
    );
    await box.press('End');
    await box.pressSequentially(' Pay by 30 November, please.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .locator('.entry-reply', {
        hasText: `Hello Pat, the balance of ${account.number} is €99.00. Pay by 30 November, please.`,
      })
      .waitFor();
    await screenshot(page, 'ticket-template-sent');
  });
  it('lets a supervisor check several tickets in the inbox and change them at once', async () => {
    const marker = `bulk${randomUUID().slice(0, 6)}`;
    const [first, second] = [
      await createTicket(testApp, agent, { subject: `Refund ${marker} one`, teamId: agent.teamIds[0] }),
      await createTicket(testApp, agent, { subject: `Refund ${marker} two`, teamId: agent.teamIds[0] }),
    ];
    const page = await signIn(supervisor);
    await page.goto(`/?view=team&q=${marker}`);
    await page.getByRole('checkbox', { name: `Check ${first.number}` }).check();
    await page.getByRole('checkbox', { name: `Check ${second.number}` }).check();
    const bar = page.getByRole('form', { name: 'Change the checked tickets' });
    await bar.getByText('2 tickets checked').waitFor();
    await bar.getByLabel('Assignee').selectOption({ label: 'Test agent' });
    await bar.getByLabel('Priority').selectOption('urgent');
    await screenshot(page, 'inbox-bulk');
    await bar.getByRole('button', { name: 'Change 2 tickets' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 2 tickets.' }).waitFor();
    await page.locator(`tr[data-ticket="${first.number}"]`, { hasText: 'Urgent' }).waitFor();
    const rows = await testApp.dataSource.query<{ priority: string; assignee_id: string }[]>(
      `SELECT priority, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [[first.id, second.id]],
    );
    expect(rows).toEqual([
      { priority: 'urgent', assignee_id: agent.id },
      { priority: 'urgent', assignee_id: agent.id },
    ]);
  });

  it('lets an admin add an agent (a weak password refused at the field) who can then sign in', async () => {
    const admin = await testApp.agent('admin');
    const page = await signIn(admin);
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('button', { name: 'Add agent' }).click();
    const form = page.locator('form[aria-label="Add agent"]');
    const email = `new-${randomUUID().slice(0, 6)}@billing.example`;
    await form.getByLabel('Email', { exact: true }).fill(email);
    await form.getByLabel('Name', { exact: true }).fill('Nora Newcomer');
    await form.getByLabel(/^Teams/).fill(team);
    await form.getByLabel('Password', { exact: true }).fill('password1234');
    await form.getByRole('button', { name: 'Add agent' }).click();
    await form.locator('.field-error', { hasText: 'too easy to guess' }).waitFor();
    await form.getByLabel('Password', { exact: true }).fill('amber harbour lantern');
    await form.getByRole('button', { name: 'Add agent' }).click();
    await page.getByRole('status').filter({ hasText: 'Nora Newcomer added.' }).waitFor();
    await page.locator(`tr[data-agent="${email}"]`, { hasText: team }).waitFor();
    await screenshot(page, 'agents');

    const newcomer = await signIn({ ...admin, email, password: 'amber harbour lantern' });
    await newcomer.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await newcomer.getByRole('link', { name: 'Agents' }).count()).toBe(0);
  });
});
