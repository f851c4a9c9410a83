import { CsatReplyHandler, CsatTokenSigner } from '@ledgerdesk/csat';
import { randomUUID } from 'node:crypto';
import { waitForKpis } from '../support/kpi';
import { eventually, MailRun, mailTo, startMailRun, waitForMailTo } from '../support/mail';
import { TestAgent } from '../support/test-app';
import { createTicket, eventsOf, patchTicket, TicketBody } from '../support/tickets';

const PUBLIC_URL = 'http://desk.test:3000';

const readSurveyId = (claims: Buffer): string => {
  const hex = claims.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

describe('CSAT surveys', () => {
  let run: MailRun;
  let agent: TestAgent;
  let supervisor: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('csat', { CSAT_SURVEY_DELAY_SECONDS: '1', PUBLIC_URL });
    [agent, supervisor] = await Promise.all([run.testApp.agent('agent'), run.testApp.agent('supervisor')]);
  });

  afterAll(async () => {
    await run?.stop();
  });

  const customer = (): string => `pat-${randomUUID().slice(0, 8)}@customer.example`;

  /** A ticket answered and solved by `agent`; resolves once its survey email arrived. */
  const solvedWithSurvey = async (
    solver: TestAgent = agent,
  ): Promise<{ ticket: TicketBody; email: string; links: string[] }> => {
    const email = customer();
    const ticket = await createTicket(run.testApp, solver, { requester: { email, name: 'Pat' } });
    await run.testApp
      .http()
      .post(`/api/tickets/${ticket.id}/messages`)
      .set('authorization', solver.auth)
      .send({ kind: 'reply', body: 'Refunded.' })
      .expect(201);
    await patchTicket(run.testApp, solver, ticket.id, { status: 'solved' }).expect(200);
    const mails = await waitForMailTo(run.sink, email, 2);
    const survey = mails.find((mail) => mail.subject?.startsWith('How did we do?'));
    if (!survey) throw new Error('no survey email');
    const links = [...(survey.text ?? '').matchAll(/https?:\/\/\S+\?rating=\d/g)].map((match) => match[0]);
    return { ticket, email, links };
  };

  const path = (link: string): string => link.slice(PUBLIC_URL.length);
  const csatEvents = async (ticketId: string) =>
    (await eventsOf(run.testApp, ticketId)).filter((event) => event.type === 'csat');

  it('sends a survey once the solve has stood the delay, with five signed links, and records csat.sent', async () => {
    const { ticket, email, links } = await solvedWithSurvey();
    const survey = (await mailTo(run.sink, email)).find((mail) => mail.subject?.startsWith('How did we do?'));
    expect(survey?.text).toContain(
      'How did we do? Reply with a number from 1 (poor) to 5 (excellent), or click one:',
    );
    expect(survey?.subject).toMatch(/\[LD-\d+\]/);
    expect(links).toHaveLength(5);
    links.forEach((link, index) =>
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/csat/c1\\.[\\w-]+\\.[\\w-]+\\?rating=${index + 1}$`)),
    );
    const sent = (await eventsOf(run.testApp, ticket.id)).filter((event) => event.type === 'csat.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ actor_kind: 'system', actor_id: null });
    const [row] = await run.testApp.dataSource.query<{ outbound_kind: string; status: string }[]>(
      `SELECT outbound_kind, status FROM mail_messages WHERE ticket_id = $1 AND csat_survey_id IS NOT NULL`,
      [ticket.id],
    );
    expect(row).toEqual({ outbound_kind: 'csat_survey', status: 'sent' });
  });

  it('sends no survey when the ticket is reopened before the delay is up', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    await patchTicket(run.testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    await patchTicket(run.testApp, agent, ticket.id, { status: 'open' }).expect(200);
    const [survey] = await eventually(async () => {
      const rows = await run.testApp.dataSource.query<{ status: string; status_reason: string }[]>(
        `SELECT status, status_reason FROM csat_surveys WHERE ticket_id = $1`,
        [ticket.id],
      );
      return rows[0]?.status === 'skipped' ? rows : undefined;
    });
    expect(survey).toEqual({ status: 'skipped', status_reason: 'reopened' });
    expect(await mailTo(run.sink, email)).toHaveLength(0);
    expect((await eventsOf(run.testApp, ticket.id)).map((event) => event.type)).not.toContain('csat.sent');
  });

  it('understands an email reply "4 — thanks, sorted quickly" and credits the solver in the KPIs', async () => {
    const solver = await run.testApp.agent('agent');
    const { ticket, email } = await solvedWithSurvey(solver);
    const outcome = await run.testApp.app
      .get(CsatReplyHandler)
      .handle(ticket.id, '4 — thanks, sorted quickly', email);
    expect(outcome).toEqual({ kind: 'rated', rating: 4, comment: 'thanks, sorted quickly', recorded: true });
    const [event] = await csatEvents(ticket.id);
    expect(event).toMatchObject({
      actor_kind: 'customer',
      payload: { rating: 4, comment: 'thanks, sorted quickly', via: 'email' },
    });

    await waitForKpis(run.testApp.dataSource);
    const today = new Date().toISOString().slice(0, 10);
    const response = await run.testApp
      .http()
      .get(`/api/kpis/agents?from=${today}&to=${today}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    const row = response.body.agents.find(
      (candidate: { agentId: string }) => candidate.agentId === solver.id,
    );
    expect(row).toMatchObject({ csatResponses: 1, csatSurveysSent: 1 });
  });

  it('attaches an unreadable reply to the ticket and sends one clarification, not a loop', async () => {
    const { ticket, email } = await solvedWithSurvey();
    const handler = run.testApp.app.get(CsatReplyHandler);
    const first = await handler.handle(ticket.id, 'When does the refund arrive?', email);
    const second = await handler.handle(ticket.id, 'Hello? Any news on the refund?', email);
    expect(first).toEqual({ kind: 'unparsed', attached: true, clarificationSent: true });
    expect(second).toEqual({ kind: 'unparsed', attached: true, clarificationSent: false });
    const messages = await run.testApp.dataSource.query<{ body_text: string }[]>(
      `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY created_at`,
      [ticket.id],
    );
    expect(messages.map((message) => message.body_text)).toEqual(
      expect.arrayContaining(['When does the refund arrive?', 'Hello? Any news on the refund?']),
    );
    const mails = await waitForMailTo(run.sink, email, 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailTo(run.sink, email)).toHaveLength(3); // reply, survey, one clarification
    expect(mails[2].text).toContain('reply with just a number from 1 (poor) to 5 (excellent)');
    expect(await csatEvents(ticket.id)).toHaveLength(0);
  });

  it('ignores a survey reply from someone other than the requester', async () => {
    const { ticket } = await solvedWithSurvey();
    const outcome = await run.testApp.app
      .get(CsatReplyHandler)
      .handle(ticket.id, '1', 'mallory@elsewhere.example');
    expect(outcome).toEqual({ kind: 'not_a_survey_reply', reason: 'sender_mismatch' });
    expect(await csatEvents(ticket.id)).toHaveLength(0);
  });

  it('rates by link without a login, re-rating replaces the earlier rating, and the comment form adds a comment', async () => {
    const { ticket, links } = await solvedWithSurvey();
    const first = await run.testApp.http().get(path(links[1])).expect(200);
    expect(first.headers['content-type']).toMatch(/text\/html/);
    expect(first.text).toContain('Thank you!');
    expect(first.text).toContain('<form method="post"');
    // Opening the same link again records nothing new.
    await run.testApp.http().get(path(links[1])).expect(200);
    expect((await csatEvents(ticket.id)).map((event) => event.payload.rating)).toEqual([2]);

    await run.testApp.http().get(path(links[4])).expect(200);
    const token = path(links[4]).split('?')[0];
    const commented = await run.testApp
      .http()
      .post(token)
      .type('form')
      .send({ rating: '5', comment: 'Quick and friendly' })
      .expect(200);
    expect(commented.text).toContain('We have your comment too');

    const events = await csatEvents(ticket.id);
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ rating: 2, via: 'link' }),
      expect.objectContaining({ rating: 5, via: 'link' }),
      expect.objectContaining({ rating: 5, via: 'link', comment: 'Quick and friendly' }),
    ]);
    expect(events.every((event) => event.actor_kind === 'customer')).toBe(true);
    await waitForKpis(run.testApp.dataSource);
    const [facts] = await run.testApp.dataSource.query<{ csat_rating: number; csat_agent_id: string }[]>(
      `SELECT csat_rating, csat_agent_id FROM kpi_ticket_facts WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(facts).toEqual({ csat_rating: 5, csat_agent_id: agent.id });
  });

  it('rejects tampered, foreign and expired tokens with a clear page', async () => {
    const { ticket, links } = await solvedWithSurvey();
    const [token, query] = path(links[3]).split('?');
    const [version, claims, mac] = token.replace('/csat/', '').split('.');
    const signer = run.testApp.app.get(CsatTokenSigner);

    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const tampered = await run.testApp
      .http()
      .get(`/csat/${version}.${claims}.${flipped}?${query}`)
      .expect(400);
    expect(tampered.text).toContain('This survey link is not valid');

    // Claims moved to another ticket keep the old signature: refused.
    const other = await createTicket(run.testApp, agent, { requester: { email: customer() } });
    const bytes = Buffer.from(claims, 'base64url');
    const surveyId = signer.verify(token.replace('/csat/', '')).valid ? readSurveyId(bytes) : '';
    Buffer.from(other.id.replace(/-/g, ''), 'hex').copy(bytes, 16);
    const moved = bytes.toString('base64url');
    await run.testApp.http().get(`/csat/${version}.${moved}.${mac}?${query}`).expect(400);

    // Correctly signed but for a survey that does not exist.
    await run.testApp
      .http()
      .get(`/csat/${signer.sign({ surveyId: randomUUID(), ticketId: ticket.id })}?rating=5`)
      .expect(400);

    const expired = signer.sign({ surveyId, ticketId: ticket.id }, new Date(Date.now() - 31 * 86_400_000));
    const gone = await run.testApp.http().get(`/csat/${expired}?rating=5`).expect(410);
    expect(gone.text).toContain('This survey link has expired');

    await run.testApp.http().get(`${token}?rating=9`).expect(400);
    expect(await csatEvents(ticket.id)).toHaveLength(0);
    expect(await csatEvents(other.id)).toHaveLength(0);
  });
});
