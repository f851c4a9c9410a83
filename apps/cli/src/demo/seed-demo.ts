import { INestApplicationContext } from '@nestjs/common';
import { AgentPrincipalLoader, AuthenticatedAgent, CreateAgentUseCase } from '@ledgerdesk/agents';
import {
  AddMessageUseCase,
  CreateTicketUseCase,
  ImportHistoryUseCase,
  LogCallUseCase,
  UpdateTicketUseCase,
} from '@ledgerdesk/tickets';
import {
  AdjustmentUseCases,
  CreateAccountUseCase,
  InvoiceUseCases,
  LedgerQuery,
  PaymentUseCases,
} from '@ledgerdesk/customer-accounts';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_AGENTS, DEMO_PASSWORD, DEMO_REPLY_TEMPLATES, DEMO_TICKETS, DemoTicket } from './demo-data';
import { demoHistory } from './demo-history';

export interface SeedSummary {
  agentsCreated: number;
  accountsCreated: number;
  ticketsCreated: number;
  historyEventsImported: number;
}

/**
 * Loads demo agents and tickets through the same use cases the API uses, so the demo's
 * interaction log is real. Idempotent: existing agents are kept, tickets are only added to an
 * empty desk.
 */
export async function seedDemo(app: INestApplicationContext): Promise<SeedSummary> {
  const dataSource = app.get(DataSource);
  const principals = app.get(AgentPrincipalLoader);
  const agents = new Map<string, AuthenticatedAgent>();
  let agentsCreated = 0;

  for (const demo of DEMO_AGENTS) {
    const [existing] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM agents WHERE lower(email) = lower($1)`,
      [demo.email],
    );
    const id =
      existing?.id ??
      (await app.get(CreateAgentUseCase).execute({ ...demo, password: DEMO_PASSWORD }, null)).id;
    if (!existing) agentsCreated += 1;
    const principal = await principals.load(id);
    if (principal) agents.set(demo.email, principal);
  }

  const admin = agents.get('admin@ledgerdesk.demo');
  if (!admin) throw new Error('demo admin missing');
  const accountsCreated = await seedAccounts(app, admin);
  // Only into a desk without templates: a desk that deleted or renamed them keeps its own.
  await dataSource.query(
    `INSERT INTO reply_templates (name, body, created_by, updated_by)
     SELECT t.name, t.body, $3, $3 FROM unnest($1::text[], $2::text[]) AS t(name, body)
      WHERE NOT EXISTS (SELECT 1 FROM reply_templates)`,
    [DEMO_REPLY_TEMPLATES.map((t) => t.name), DEMO_REPLY_TEMPLATES.map((t) => t.body), admin.id],
  );

  const historyEventsImported = await seedHistory(app);

  const [{ count }] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM tickets WHERE external_key IS NULL`,
  );
  if (count > 0) return { agentsCreated, accountsCreated, ticketsCreated: 0, historyEventsImported };

  const teams = new Map(
    (await dataSource.query<{ id: string; name: string }[]>(`SELECT id, name FROM teams`)).map((team) => [
      team.name,
      team.id,
    ]),
  );
  const supervisor = agents.get('sam@ledgerdesk.demo');
  if (!supervisor) throw new Error('demo supervisor missing');
  for (const ticket of DEMO_TICKETS) {
    await seedTicket(app, ticket, supervisor, teams, agents);
  }
  return { agentsCreated, accountsCreated, ticketsCreated: DEMO_TICKETS.length, historyEventsImported };
}

/**
 * Four weeks of history through the history import, into a desk that has none yet: the history
 * is dated relative to today, so a later run would describe other days (and a newer generator
 * other events) under the same ids.
 */
async function seedHistory(app: INestApplicationContext): Promise<number> {
  const [{ seeded }] = await app
    .get(DataSource)
    .query<{ seeded: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE external_key LIKE 'demo-history-%') AS seeded`,
    );
  if (seeded) return 0;
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const lines = demoHistory({
    today,
    agentEmails: DEMO_AGENTS.filter((agent) => agent.role === 'agent').map((agent) => agent.email),
    accountNumbers: DEMO_ACCOUNTS.map((account) => account.number),
    tickets: 400,
  });
  const report = await app.get(ImportHistoryUseCase).execute([lines.join('\n') + '\n']);
  if (report.rejected > 0) throw new Error(`demo history: ${report.errors[0]?.reason ?? 'rejected lines'}`);
  return report.imported;
}

/** Accounts with invoices, payments and adjustments dated relative to today; only into an empty desk. */
async function seedAccounts(app: INestApplicationContext, admin: AuthenticatedAgent): Promise<number> {
  const dataSource = app.get(DataSource);
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM customer_accounts`,
  );
  if (count > 0) return 0;
  const today = new Date(`${app.get(LedgerQuery).today()}T12:00:00Z`);
  const daysAgo = (days: number): Date => new Date(today.getTime() - days * 86_400_000);
  const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

  for (const demo of DEMO_ACCOUNTS) {
    const accountId = await app
      .get(CreateAccountUseCase)
      .execute(
        { number: demo.number, name: demo.name, currency: demo.currency, contacts: demo.contacts },
        admin,
      );
    const invoiceIds = new Map<string, string>();
    for (const invoice of demo.invoices) {
      const issued = daysAgo(invoice.issuedDaysAgo);
      const id = await app.get(InvoiceUseCases).create(
        accountId,
        {
          number: invoice.number,
          issueDate: isoDate(issued),
          dueDate: isoDate(new Date(issued.getTime() + invoice.termDays * 86_400_000)),
          lines: invoice.lines.map(([description, quantity, unitPrice]) => ({
            description,
            quantity,
            unitPrice,
          })),
        },
        admin,
      );
      invoiceIds.set(invoice.number, id);
    }
    for (const payment of demo.payments) {
      await app.get(PaymentUseCases).record(
        accountId,
        {
          amount: payment.amount,
          method: payment.method,
          reference: payment.reference,
          receivedAt: daysAgo(payment.daysAgo).toISOString(),
          allocations: payment.unallocated ? [] : undefined,
        },
        admin,
      );
    }
    for (const adjustment of demo.adjustments ?? []) {
      await app.get(AdjustmentUseCases).make(
        accountId,
        {
          kind: adjustment.kind,
          amount: adjustment.amount,
          reasonCode: adjustment.reasonCode,
          invoiceId: adjustment.invoice ? invoiceIds.get(adjustment.invoice) : undefined,
        },
        admin,
      );
    }
    for (const dispute of demo.disputes ?? []) {
      await app
        .get(InvoiceUseCases)
        .dispute(invoiceIds.get(dispute.invoice) ?? '', { reason: dispute.reason }, admin);
    }
  }
  return DEMO_ACCOUNTS.length;
}

async function seedTicket(
  app: INestApplicationContext,
  demo: DemoTicket,
  creator: AuthenticatedAgent,
  teams: Map<string, string>,
  agents: Map<string, AuthenticatedAgent>,
): Promise<void> {
  const worker = demo.agent ? agents.get(demo.agent) : undefined;
  const ticketId = await app.get(CreateTicketUseCase).execute(
    {
      channel: demo.channel,
      subject: demo.subject,
      body: demo.body,
      category: demo.category,
      priority: demo.priority,
      requester: demo.requester,
      teamId: teams.get(demo.team),
      assigneeId: worker?.id,
    },
    creator,
  );
  if (!worker) return;
  if (demo.call) {
    const endedAt = new Date(Date.now() - 60_000);
    const startedAt = new Date(endedAt.getTime() - demo.call.minutes * 60_000);
    await app.get(LogCallUseCase).execute(
      ticketId,
      {
        direction: 'inbound',
        startedAt: startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
        holdSeconds: demo.call.holdSeconds,
        wrapUpSeconds: demo.call.wrapUpSeconds,
        outcome: demo.call.outcome,
      },
      worker,
    );
  }
  if (demo.reply)
    await app.get(AddMessageUseCase).execute(ticketId, { kind: 'reply', body: demo.reply }, worker);
  if (demo.note)
    await app.get(AddMessageUseCase).execute(ticketId, { kind: 'note', body: demo.note }, worker);
  if (demo.finalStatus && demo.finalStatus !== 'open') {
    await app.get(UpdateTicketUseCase).execute(ticketId, { status: demo.finalStatus }, worker);
  }
}
