import { CsatTokenSigner } from '@ledgerdesk/csat';
import { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { waitForKpis } from '../support/kpi';
import {
  eventually,
  filedMail,
  MailRun,
  mailTo,
  replyByMail,
  startMailRun,
  waitForMailTo,
} from '../support/mail';
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

  /** A ticket answered and solved by `solver`; resolves once its survey email arrived. */
  const solvedWithSurvey = async (
    solver: TestAgent = agent,
  ): Promise<{ ticket: TicketBody; email: string; links: string[]; survey: ParsedMail }> => {
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
    return { ticket, email, links, survey };
  };

  const path = (link: string): string => link.slice(PUBLIC_URL.length);
  const csatEvents = async (ticketId: string) =>
    (await eventsOf(run.testApp, ticketId)).filter((event) => event.type === 'csat');
  const ticketStatus = async (ticketId: string): Promise<string> =>
    (
      await run.testApp.dataSource.query<{ status: string }[]>(`SELECT status FROM tickets WHERE id = $1`, [
        ticketId,
      ])
    )[0].status;
  const customerMessages = (ticketId: string): Promise<{ body_text: string }[]> =>
    run.testApp.dataSource.query(
      `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY created_at`,
      [ticketId],
    );
  const agentKpis = async (agentId: string): Promise<Record<string, unknown> | undefined> => {
    await waitForKpis(run.testApp.dataSource);
    const today = new Date().toISOString().slice(0, 10);
    const response = await run.testApp
      .http()
      .get(`/api/kpis/agents?from=${today}&to=${today}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    return response.body.agents.find((row: { agentId: string }) => row.agentId === agentId);
  };

  it('sends a survey once the solve has stood the delay, with five signed links, and records csat.sent', async () => {
    const { ticket, links, survey } = await solvedWithSurvey();
    expect(survey.text).toContain(
      'How did we do? Reply with a number from 1 (poor) to 5 (excellent), or click one:',
    );
    expect(survey.subject).toMatch(/\[LD-\d+\]/);
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

  describe('answered by email over SMTP', () => {
    it('rates 4 from the reply "4 — thanks, sorted quickly" above the quoted survey, keeps the comment, updates the KPIs and does not reopen', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, survey } = await solvedWithSurvey(solver);
      const replyId = await replyByMail(run, survey, email, '4 — thanks, sorted quickly');

      const mail = await filedMail(run, replyId);
      expect(mail).toMatchObject({
        status: 'processed',
        status_reason: 'survey answer: rating 4',
        ticket_id: ticket.id,
      });
      const events = await csatEvents(ticket.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_kind: 'customer',
        payload: { rating: 4, comment: 'thanks, sorted quickly', via: 'email', mailId: mail.id },
      });
      expect(await ticketStatus(ticket.id)).toBe('solved');
      expect((await eventsOf(run.testApp, ticket.id)).map((event) => event.type)).not.toContain(
        'ticket.reopened',
      );
      expect(await customerMessages(ticket.id)).toHaveLength(1); // the opening message only

      expect(await agentKpis(solver.id)).toMatchObject({
        csatSurveysSent: 1,
        csatResponses: 1,
        csatSatisfied: 1,
        csatScore: 100,
      });
    });

    it('lets a reply "5 stars" replace an earlier link rating of 2', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, links, survey } = await solvedWithSurvey(solver);
      const [token] = path(links[1]).split('?');
      await run.testApp.http().post(token).type('form').send({ rating: '2' }).expect(200);
      expect(await agentKpis(solver.id)).toMatchObject({ csatResponses: 1, csatSatisfied: 0, csatScore: 0 });

      await filedMail(run, await replyByMail(run, survey, email, '5 stars'));
      expect((await csatEvents(ticket.id)).map((event) => event.payload)).toEqual([
        expect.objectContaining({ rating: 2, via: 'link' }),
        expect.objectContaining({ rating: 5, via: 'email' }),
      ]);
      expect(await agentKpis(solver.id)).toMatchObject({
        csatResponses: 1,
        csatSatisfied: 1,
        csatScore: 100,
      });
      const [facts] = await run.testApp.dataSource.query<{ csat_rating: number }[]>(
        `SELECT csat_rating FROM kpi_ticket_facts WHERE ticket_id = $1`,
        [ticket.id],
      );
      expect(facts.csat_rating).toBe(5);
    });

    it('attaches an unreadable reply to the ticket and sends exactly one clarification, even after a second unreadable reply', async () => {
      const { ticket, email, survey } = await solvedWithSurvey();
      const first = await filedMail(
        run,
        await replyByMail(run, survey, email, 'Not sure what to say, honestly.'),
      );
      expect(first).toMatchObject({
        status: 'processed',
        ticket_id: ticket.id,
        status_reason: 'survey answer without a rating: attached; clarification sent',
      });
      const mails = await waitForMailTo(run.sink, email, 3); // reply, survey, clarification
      const clarification = mails[2];
      expect(clarification.text).toContain('reply with just a number from 1 (poor) to 5 (excellent)');
      expect(clarification.headers.get('auto-submitted')).toBe('auto-generated');

      // The second answer replies to the clarification: attached, and no second clarification.
      const second = await filedMail(
        run,
        await replyByMail(run, clarification, email, 'Still thinking about it.'),
      );
      expect(second).toMatchObject({
        ticket_id: ticket.id,
        status_reason: 'survey answer without a rating: attached',
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await mailTo(run.sink, email)).toHaveLength(3);
      expect((await customerMessages(ticket.id)).map((message) => message.body_text)).toEqual([
        'Please refund one of the two charges.',
        'Not sure what to say, honestly.',
        'Still thinking about it.',
      ]);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect(await ticketStatus(ticket.id)).toBe('solved');
    });

    it('does not take "1 more question: …" as a rating 1: the question reopens the ticket for an agent, no clarification', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, survey } = await solvedWithSurvey(solver);
      const question = '1 more question: why is there still a late fee on my account?';
      const mail = await filedMail(run, await replyByMail(run, survey, email, question));
      expect(mail).toMatchObject({
        ticket_id: ticket.id,
        status_reason: 'survey answer a question without a rating: attached, reopened the ticket',
      });
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect((await customerMessages(ticket.id)).map((message) => message.body_text)).toEqual([
        'Please refund one of the two charges.',
        question,
      ]);
      expect(await ticketStatus(ticket.id)).toBe('open');
      const reopened = (await eventsOf(run.testApp, ticket.id)).find(
        (event) => event.type === 'ticket.reopened',
      );
      expect(reopened?.payload).toMatchObject({ reason: 'survey_question' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await mailTo(run.sink, email)).toHaveLength(2); // reply and survey: no clarification
      expect(await agentKpis(solver.id)).toMatchObject({ reopens: 1, resolved: 0 });
    });

    it('records the rating of "2 - why was I charged twice again?" and reopens the ticket for the question', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, survey } = await solvedWithSurvey(solver);
      const answer = '2 - why was I charged twice again this month?';
      const mail = await filedMail(run, await replyByMail(run, survey, email, answer));
      expect(mail).toMatchObject({
        ticket_id: ticket.id,
        status_reason: 'survey answer: rating 2; a question: attached, reopened the ticket',
      });
      expect(mail.ticket_message_id).not.toBeNull();
      expect((await csatEvents(ticket.id)).map((event) => event.payload)).toEqual([
        expect.objectContaining({
          rating: 2,
          comment: 'why was I charged twice again this month?',
          via: 'email',
        }),
      ]);
      expect(await ticketStatus(ticket.id)).toBe('open');
      expect((await customerMessages(ticket.id)).map((message) => message.body_text)).toEqual([
        'Please refund one of the two charges.',
        answer,
      ]);
      // The rating is the solve's; the reopen undoes the resolution and is charged to the solver.
      expect(await agentKpis(solver.id)).toMatchObject({
        csatResponses: 1,
        csatSatisfied: 0,
        reopens: 1,
        resolved: 0,
      });
    });

    it('takes a reply threaded only by the survey subject (no In-Reply-To/References) as a survey answer, not a reopen', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, survey } = await solvedWithSurvey(solver);
      expect(survey.subject).toMatch(/^How did we do\? Re: .* \[LD-\d+\]$/);
      const mail = await filedMail(
        run,
        await replyByMail(run, survey, email, '5', {
          subject: `Re: ${survey.subject ?? ''}`,
          threaded: false,
        }),
      );
      expect(mail).toMatchObject({ ticket_id: ticket.id, status_reason: 'survey answer: rating 5' });
      expect((await csatEvents(ticket.id)).map((event) => event.payload.rating)).toEqual([5]);
      expect(await ticketStatus(ticket.id)).toBe('solved');
      expect((await eventsOf(run.testApp, ticket.id)).map((event) => event.type)).not.toContain(
        'ticket.reopened',
      );
      expect(await customerMessages(ticket.id)).toHaveLength(1);
      expect(await agentKpis(solver.id)).toMatchObject({ reopens: 0, csatResponses: 1, csatScore: 100 });

      // Without a rating, by subject too: the unparsed path (attached, clarification), no reopen.
      const question = await filedMail(
        run,
        await replyByMail(run, survey, email, 'Thanks, all good now.', {
          subject: `AW: ${survey.subject ?? ''}`,
          threaded: false,
        }),
      );
      expect(question).toMatchObject({
        ticket_id: ticket.id,
        status_reason: 'survey answer without a rating: attached; clarification sent',
      });
      expect(await ticketStatus(ticket.id)).toBe('solved');
    });

    it('ignores an out-of-office auto-reply to the survey: no message, no clarification, no loop', async () => {
      const { ticket, email, survey } = await solvedWithSurvey();
      const mail = await filedMail(
        run,
        await replyByMail(run, survey, email, 'I am out of the office until Monday.', {
          subject: `Automatic reply: ${survey.subject ?? ''}`,
          headers: { 'Auto-Submitted': 'auto-replied' },
        }),
      );
      expect(mail).toMatchObject({ status: 'ignored', ticket_id: null });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await mailTo(run.sink, email)).toHaveLength(2); // reply and survey only
      expect(await customerMessages(ticket.id)).toHaveLength(1);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
    });

    it('takes no rating on a closed ticket (closed is final): any answer to its survey is filed as a follow-up', async () => {
      const { ticket, email, survey } = await solvedWithSurvey();
      await patchTicket(run.testApp, agent, ticket.id, { status: 'closed' }).expect(200);
      const rated = await filedMail(run, await replyByMail(run, survey, email, '5 - thanks'));
      expect(rated.ticket_id).not.toBe(ticket.id);
      expect(rated.status_reason).toMatch(/^follow-up of ticket \d+ \(closed\)$/);
      const question = await filedMail(run, await replyByMail(run, survey, email, 'Why was it closed?'));
      expect(question.ticket_id).not.toBe(ticket.id);
      expect(question.status_reason).toMatch(/^follow-up of ticket \d+ \(closed\)$/);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect(await ticketStatus(ticket.id)).toBe('closed');
      // The reply, the survey and each follow-up's acknowledgement; then nothing (no clarification).
      await waitForMailTo(run.sink, email, 4);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const mails = await mailTo(run.sink, email);
      expect(mails).toHaveLength(4);
      const acknowledged = mails.slice(2).map((mail) => /opened ticket LD-(\d+)/.exec(mail.text ?? '')?.[1]);
      const numbers = await run.testApp.dataSource.query<{ number: string }[]>(
        `SELECT number::text AS number FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY number`,
        [[rated.ticket_id, question.ticket_id]],
      );
      expect(acknowledged.sort()).toEqual(numbers.map((row) => row.number));
    });

    it('takes no rating for a solve the customer undid by reopening: the answer is attached, the ticket keeps its status, the KPIs credit nothing', async () => {
      const solver = await run.testApp.agent('agent');
      const { ticket, email, survey } = await solvedWithSurvey(solver);
      const [agentReply] = await mailTo(run.sink, email);
      const reopen = await filedMail(
        run,
        await replyByMail(run, agentReply, email, 'The refund is still not on my card.'),
      );
      expect(reopen.status_reason).toBe('reply; reopened the ticket');

      const answer = await filedMail(run, await replyByMail(run, survey, email, '5'));
      expect(answer).toMatchObject({
        ticket_id: ticket.id,
        status_reason: 'survey answer after the ticket was reopened: attached, not rated',
      });
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect(await ticketStatus(ticket.id)).toBe('open');
      expect(await agentKpis(solver.id)).toMatchObject({ csatResponses: 0, reopens: 1 });

      // Solved again: the old survey still rates nothing and its answer does not reopen.
      await patchTicket(run.testApp, solver, ticket.id, { status: 'solved' }).expect(200);
      const late = await filedMail(run, await replyByMail(run, survey, email, '4 - finally'));
      expect(late.status_reason).toBe('survey answer after the ticket was reopened: attached, not rated');
      expect(await ticketStatus(ticket.id)).toBe('solved');
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect((await customerMessages(ticket.id)).map((message) => message.body_text)).toEqual([
        'Please refund one of the two charges.',
        'The refund is still not on my card.',
        '5',
        '4 - finally',
      ]);
    });

    it('files an answer to a survey whose links expired like any other reply, without rating', async () => {
      const { ticket, email, survey } = await solvedWithSurvey();
      await run.testApp.dataSource.query(
        `UPDATE csat_surveys SET sent_at = now() - interval '31 days' WHERE ticket_id = $1`,
        [ticket.id],
      );
      await run.testApp.dataSource.query(
        `UPDATE tickets SET solved_at = now() - interval '31 days' WHERE id = $1`,
        [ticket.id],
      );
      const mail = await filedMail(run, await replyByMail(run, survey, email, '5'));
      expect(mail.status_reason).toMatch(/^follow-up of ticket \d+ \(solved\)$/);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
    });

    it('records a rating once when the same reply is delivered twice', async () => {
      const { ticket, email, survey } = await solvedWithSurvey();
      const messageId = `${randomUUID()}@customer.example`;
      await replyByMail(run, survey, email, '3', { messageId });
      await replyByMail(run, survey, email, '3', { messageId });
      const rows = await eventually(async () => {
        const found = await run.testApp.dataSource.query<{ status: string; status_reason: string }[]>(
          `SELECT status, status_reason FROM mail_messages
            WHERE direction = 'inbound' AND position(convert_to($1, 'UTF8') in raw) > 0 ORDER BY seq`,
          [messageId],
        );
        return found.length === 2 && found.every((row) => row.status !== 'received') ? found : undefined;
      });
      expect(rows.map((row) => row.status)).toEqual(['processed', 'ignored']);
      expect(rows[1].status_reason).toMatch(/^duplicate of mail /);
      expect((await csatEvents(ticket.id)).map((event) => event.payload.rating)).toEqual([3]);
    });

    it('holds a survey reply from someone other than the requester as a new ticket (hijack guard), without rating', async () => {
      const { ticket, survey } = await solvedWithSurvey();
      const stranger = customer();
      const mail = await filedMail(run, await replyByMail(run, survey, stranger, '1'));
      expect(mail.status_reason).toMatch(/^held:/);
      expect(mail.ticket_id).not.toBe(ticket.id);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect(await ticketStatus(ticket.id)).toBe('solved');
    });
  });

  describe('answered by link', () => {
    it('shows the clicked rating preselected on GET (and HEAD) without recording it, so link scanners cannot rate', async () => {
      const { ticket, links } = await solvedWithSurvey();
      const page = await run.testApp.http().get(path(links[3])).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('<form id="rating-form" method="post"');
      // A browser sends the form at once (one click in the email records); a scanner does not.
      expect(page.text).toContain(`<script>document.getElementById('rating-form').submit();</script>`);
      expect(page.text).toContain('value="4" checked');
      expect(page.text).not.toMatch(/value="[1235]" checked/);
      await run.testApp.http().head(path(links[0])).expect(200);
      // A scanner that follows every link in the message.
      for (const link of links) {
        await run.testApp.http().get(path(link)).set('user-agent', 'Mozilla/5.0 (SafeLinks)').expect(200);
      }
      expect(await csatEvents(ticket.id)).toHaveLength(0);
    });

    it('records on the one-click POST, a later rating replaces the earlier one, and the thank-you form adds a comment', async () => {
      const { ticket, links } = await solvedWithSurvey();
      const [token] = path(links[1]).split('?');
      const thanks = await run.testApp
        .http()
        .post(token)
        .type('form')
        .send({ rating: '2', comment: '' })
        .expect(200);
      expect(thanks.text).toContain('Thank you!');
      expect(thanks.text).toContain('<form method="post"');
      // Sending the same rating again records nothing new.
      await run.testApp.http().post(token).type('form').send({ rating: '2' }).expect(200);
      expect((await csatEvents(ticket.id)).map((event) => event.payload.rating)).toEqual([2]);

      await run.testApp.http().post(token).type('form').send({ rating: '5' }).expect(200);
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

    it('records nothing once the ticket was reopened (409) or closed (410), on GET or POST', async () => {
      const reopened = await solvedWithSurvey();
      await patchTicket(run.testApp, agent, reopened.ticket.id, { status: 'open' }).expect(200);
      const [reopenedToken] = path(reopened.links[0]).split('?');
      const page = await run.testApp.http().get(path(reopened.links[0])).expect(409);
      expect(page.text).toContain('This survey no longer applies');
      expect(page.text).not.toContain('rating-form');
      const refused = await run.testApp
        .http()
        .post(reopenedToken)
        .type('form')
        .send({ rating: '1' })
        .expect(409);
      expect(refused.text).not.toContain('Thank you!');
      expect(await csatEvents(reopened.ticket.id)).toHaveLength(0);

      const closed = await solvedWithSurvey();
      await patchTicket(run.testApp, agent, closed.ticket.id, { status: 'closed' }).expect(200);
      const [closedToken] = path(closed.links[0]).split('?');
      const gone = await run.testApp.http().get(path(closed.links[0])).expect(410);
      expect(gone.text).toContain('This request is closed');
      await run.testApp.http().post(closedToken).type('form').send({ rating: '1' }).expect(410);
      expect(await csatEvents(closed.ticket.id)).toHaveLength(0);
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
      await run.testApp
        .http()
        .post(`/csat/${version}.${claims}.${flipped}`)
        .type('form')
        .send({ rating: '1' })
        .expect(400);

      // Claims moved to another ticket keep the old signature: refused.
      const other = await createTicket(run.testApp, agent, { requester: { email: customer() } });
      const bytes = Buffer.from(claims, 'base64url');
      const surveyId = signer.verify(token.replace('/csat/', '')).valid ? readSurveyId(bytes) : '';
      Buffer.from(other.id.replace(/-/g, ''), 'hex').copy(bytes, 16);
      const moved = bytes.toString('base64url');
      await run.testApp
        .http()
        .post(`/csat/${version}.${moved}.${mac}`)
        .type('form')
        .send({ rating: '5' })
        .expect(400);

      // Correctly signed but for a survey that does not exist.
      await run.testApp
        .http()
        .post(`/csat/${signer.sign({ surveyId: randomUUID(), ticketId: ticket.id })}`)
        .type('form')
        .send({ rating: '5' })
        .expect(400);

      const expired = signer.sign({ surveyId, ticketId: ticket.id }, new Date(Date.now() - 31 * 86_400_000));
      const gone = await run.testApp.http().get(`/csat/${expired}?rating=5`).expect(410);
      expect(gone.text).toContain('This survey link has expired');
      await run.testApp.http().post(`/csat/${expired}`).type('form').send({ rating: '5' }).expect(410);

      await run.testApp.http().get(`${token}?rating=9`).expect(400);
      await run.testApp.http().post(token).type('form').send({ rating: '9' }).expect(400);
      expect(await csatEvents(ticket.id)).toHaveLength(0);
      expect(await csatEvents(other.id)).toHaveLength(0);
    });
  });
});
