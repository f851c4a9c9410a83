import { NewTicketAcknowledgements } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { RequestLinks } from '@ledgerdesk/tickets';
import { randomUUID } from 'node:crypto';
import { TestAgent } from '../support/test-app';
import { createTicket, postMessage } from '../support/tickets';
import { filedMail, mailToDesk, MailRun, replyByMail, startMailRun, waitForMailTo } from '../support/mail';

interface TicketRow {
  id: string;
  number: string;
  status: string;
  first_responded_at: Date | null;
}

describe('acknowledging new tickets to the customer', () => {
  let run: MailRun;
  let agent: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('mail_acknowledgements');
    agent = await run.testApp.agent('agent');
  });

  afterAll(async () => {
    await run?.stop();
  });

  const customer = (): string => `ack-${randomUUID().slice(0, 8)}@customer.example`;
  const ticketOf = async (ticketId: string): Promise<TicketRow> =>
    (
      await run.testApp.dataSource.query<TicketRow[]>(
        `SELECT id, number::text AS number, status, first_responded_at FROM tickets WHERE id = $1`,
        [ticketId],
      )
    )[0];
  const acknowledgements = (ticketId: string): Promise<{ status: string; to_addresses: string[] }[]> =>
    run.testApp.dataSource.query(
      `SELECT status, to_addresses FROM mail_messages WHERE ticket_id = $1 AND outbound_kind = 'acknowledgement'`,
      [ticketId],
    );

  it('answers an email that opens a ticket with its number, threaded on the customer’s email, as automatic mail', async () => {
    const email = customer();
    const messageId = await mailToDesk(run, {
      from: `Pat Doe <${email}>`,
      subject: 'Charged twice for October',
      text: 'Hello,\n\nmy card was charged twice.',
    });
    const filed = await filedMail(run, messageId);
    expect(filed).toMatchObject({ status: 'processed', status_reason: 'new ticket' });
    const ticket = await ticketOf(filed.ticket_id!);

    const [ack] = await waitForMailTo(run.sink, email, 1);
    const token = `[LD-${ticket.number}]`;
    expect(ack.subject).toBe(`Re: Charged twice for October ${token}`);
    expect(ack.inReplyTo).toBe(`<${messageId}>`);
    expect(ack.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack.from?.value[0]).toMatchObject({ name: 'Billing desk', address: 'billing@desk.example' });
    expect(ack.text).toMatch(/^Hello,\n/);
    expect(ack.text).toContain(`opened ticket LD-${ticket.number}`);
    expect(ack.text).toContain(`keep ${token} in the subject`);
    // The customer has the email they sent: it is not quoted back.
    expect(ack.text).not.toContain('charged twice.');
    expect(ack.html).toContain(`LD-${ticket.number}`);

    // No agent contact: the ticket is still new, with no first response (FRT, FCR untouched).
    expect(ticket).toMatchObject({ status: 'new', first_responded_at: null });
    const agentEvents = await run.testApp.dataSource.query(
      `SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND actor_kind = 'agent'`,
      [ticket.id],
    );
    expect(agentEvents).toHaveLength(0);
  });

  it('threads the customer’s answer to the acknowledgement onto the ticket, without acknowledging it again', async () => {
    const email = customer();
    const opener = await mailToDesk(run, { from: email, subject: 'Refund?', text: 'Where is my refund?' });
    const { ticket_id: ticketId } = await filedMail(run, opener);
    const [ack] = await waitForMailTo(run.sink, email, 1);

    const answer = await replyByMail(run, ack, email, 'It was for invoice INV-2231.');
    expect(await filedMail(run, answer)).toMatchObject({
      status: 'processed',
      status_reason: 'reply',
      ticket_id: ticketId,
    });
    expect(await acknowledgements(ticketId!)).toEqual([{ status: 'sent', to_addresses: [email] }]);
  });

  it('acknowledges a follow-up ticket opened by an answer to a closed ticket', async () => {
    const email = customer();
    const opener = await mailToDesk(run, {
      from: email,
      subject: 'Invoice copy',
      text: 'Please send a copy.',
    });
    const { ticket_id: firstId } = await filedMail(run, opener);
    const [firstAck] = await waitForMailTo(run.sink, email, 1);
    const supervisor = await run.testApp.agent('supervisor');
    await run.testApp
      .http()
      .patch(`/api/tickets/${firstId}`)
      .set('authorization', supervisor.auth)
      .send({ status: 'closed' })
      .expect(200);

    const answer = await replyByMail(run, firstAck, email, 'And one for September, please.');
    const followUp = await filedMail(run, answer);
    expect(followUp.status_reason).toMatch(/^follow-up of ticket/);
    expect(followUp.ticket_id).not.toBe(firstId);
    const mails = await waitForMailTo(run.sink, email, 2);
    const { number } = await ticketOf(followUp.ticket_id!);
    expect(mails[1].text).toContain(`opened ticket LD-${number}`);
  });

  it('does not acknowledge a ticket an agent opened for the customer (a phone call, say)', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    // The agent's reply is the first mail the customer gets.
    await postMessage(run.testApp, agent, ticket.id, 'reply', 'As discussed on the phone: refunded.').expect(
      201,
    );
    const [first] = await waitForMailTo(run.sink, email, 1);
    expect(first.text).toContain('As discussed on the phone');
    expect(await acknowledgements(ticket.id)).toEqual([]);
  });

  it('acknowledges a contact-form request with the link to the request page, repeating nothing the sender wrote', async () => {
    const email = customer();
    await run.testApp
      .http()
      .post('/contact')
      .type('form')
      .send({
        name: 'Jo <Web>',
        email,
        category: 'refund_request',
        subject: 'Refund <b>please</b>',
        message: 'I cancelled on 3 May.\nPlease refund the June charge.',
      })
      .expect(201);
    const [ack] = await waitForMailTo(run.sink, email, 1);
    const [{ number }] = await run.testApp.dataSource.query<{ number: string }[]>(
      `SELECT number::text AS number FROM tickets WHERE requester_email = $1`,
      [email],
    );
    expect(ack.subject).toBe(`We have received your request [LD-${number}]`);
    expect(ack.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack.text).toContain(`opened ticket LD-${number}`);
    // Whoever fills in the form chooses the address: nothing they wrote is relayed (relay spam).
    for (const part of [ack.text ?? '', ack.html || '']) {
      expect(part).not.toContain('I cancelled on 3 May.');
      expect(part).not.toContain('please');
    }

    // Its link opens the customer's request page, which shows the message and takes another.
    const link = /https?:\/\/\S+\/requests\/r1\.\S+/.exec(ack.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(ack.html).toContain(`<a href="${link}">LD-${number}</a>`);
    const page = await run.testApp.http().get(new URL(link!).pathname).expect(200);
    expect(page.text).toContain(`Your request LD-${number}`);
    expect(page.text).toContain('I cancelled on 3 May.');
  });

  it('sends none when ACKNOWLEDGE_NEW_TICKETS is false, and never two for one ticket', async () => {
    const email = customer();
    const opener = await mailToDesk(run, { from: email, subject: 'Plan change', text: 'Move me to yearly.' });
    const { ticket_id: ticketId } = await filedMail(run, opener);
    await waitForMailTo(run.sink, email, 1);
    const config = run.testApp.app.get(AppConfig);
    const manager = run.testApp.dataSource.manager;

    const links = run.testApp.app.get(RequestLinks);
    const switchedOff = new NewTicketAcknowledgements(
      { ...config, acknowledgeNewTickets: false } as AppConfig,
      links,
    );
    expect(await switchedOff.queue(manager, [ticketId!])).toBe(0);
    await expect(new NewTicketAcknowledgements(config, links).queue(manager, [ticketId!])).rejects.toThrow(
      /mail_messages_acknowledgement_once_idx/,
    );
    expect(await acknowledgements(ticketId!)).toHaveLength(1);
  });
});
