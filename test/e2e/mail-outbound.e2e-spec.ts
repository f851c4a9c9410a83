import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { TestAgent } from '../support/test-app';
import { createTicket, TicketBody } from '../support/tickets';
import {
  eventually,
  filedMail,
  mailTo,
  MailRun,
  replyByMail,
  startMailRun,
  waitForMailTo,
} from '../support/mail';

interface MailRow {
  id: string;
  direction: string;
  kind: string | null;
  status: string;
  statusReason: string | null;
  attempts: number;
  messageId: string | null;
  subject: string | null;
  to: string[];
  ticketMessageId: string | null;
}

describe('outbound email', () => {
  let run: MailRun;
  let agent: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('mail_outbound');
    agent = await run.testApp.agent('agent');
  });

  afterAll(async () => {
    await run?.stop();
  });

  /** Message-IDs are stored without their angle brackets. */
  const bare = (messageId: string | undefined): string | undefined => messageId?.replace(/^<|>$/g, '');

  const customer = (): string => `pat-${randomUUID().slice(0, 8)}@customer.example`;

  const reply = async (
    ticket: TicketBody,
    body: string,
    kind: 'reply' | 'note' = 'reply',
  ): Promise<string> => {
    const response = await run.testApp
      .http()
      .post(`/api/tickets/${ticket.id}/messages`)
      .set('authorization', agent.auth)
      .send({ kind, body })
      .expect(201);
    return response.body.id as string;
  };

  const ticketMail = async (ticket: TicketBody): Promise<MailRow[]> => {
    const response = await run.testApp
      .http()
      .get(`/api/tickets/${ticket.id}/mail`)
      .set('authorization', agent.auth)
      .expect(200);
    return response.body as MailRow[];
  };

  it('delivers agent replies with the desk Message-ID, In-Reply-To/References, [LD-n] in the subject and a text part', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email, name: 'Pat Doe' } });
    const firstId = await reply(ticket, 'We have refunded the duplicate charge.');
    await waitForMailTo(run.sink, email, 1);
    await reply(ticket, 'The refund should show within 3 business days.');
    const [first, second] = await waitForMailTo(run.sink, email, 2);

    const token = `[LD-${String(ticket.number).replace(/^\D+-/, '')}]`;
    expect(first.subject).toBe(`Re: Charged twice for October ${token}`);
    expect(first.text).toContain('We have refunded the duplicate charge.');
    expect(first.html).toContain('We have refunded the duplicate charge.');
    // It ends with the link to the customer's request page, which opens it.
    const link =
      /\n-- \nYour request LD-\d+, with our whole conversation, is also online:\n(\S+\/requests\/r1\.\S+)$/.exec(
        first.text ?? '',
      )?.[1];
    expect(link).toBeDefined();
    expect(first.html).toContain(`<a href="${link}">${ticket.number}</a>`);
    const page = await run.testApp.http().get(new URL(link!).pathname).expect(200);
    expect(page.text).toContain('We have refunded the duplicate charge.');
    expect(first.from?.value[0].address).toBe('billing@desk.example');
    expect(first.messageId).toMatch(/^<[0-9a-f-]{36}@desk\.example>$/);
    expect(second.inReplyTo).toBe(first.messageId);
    expect([second.references].flat()).toContain(first.messageId);
    expect(second.text).toContain('within 3 business days');

    const rows = await ticketMail(ticket);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      direction: 'outbound',
      kind: 'reply',
      status: 'sent',
      messageId: bare(first.messageId),
      ticketMessageId: firstId,
      to: [email],
      attempts: 1,
    });
    expect(rows[1]).toMatchObject({ status: 'sent', messageId: bare(second.messageId) });
  });

  it('threads the customer’s answer to an emailed reply by its In-Reply-To, even without the ticket token in the subject', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    await reply(ticket, 'Which card was charged?');
    const [sent] = await waitForMailTo(run.sink, email, 1);
    const answerId = await replyByMail(run, sent, email, 'The Visa ending 4242.', {
      subject: 'my card',
    });
    expect(await filedMail(run, answerId)).toMatchObject({ status: 'processed', ticket_id: ticket.id });
    const [stored] = await run.testApp.dataSource.query<{ message_id: string }[]>(
      `SELECT message_id FROM mail_messages WHERE ticket_id = $1 AND direction = 'outbound'`,
      [ticket.id],
    );
    expect(`<${stored.message_id}>`).toBe(sent.messageId);
  });

  it('marks a reply that bounced and shows the report on its ticket, but not for a delay notice', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    await reply(ticket, 'Your refund is on its way.');
    const [sent] = await waitForMailTo(run.sink, email, 1);
    const { InboundSmtpListener } = await import('../../apps/worker/src/mail-inbound/inbound-smtp.listener');
    const transport = createTransport({
      host: '127.0.0.1',
      port: run.worker.get(InboundSmtpListener).port,
      secure: false,
      ignoreTLS: true,
    });
    const report = (reportId: string, action: 'failed' | 'delayed', diagnostic: string): string =>
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
        'To: billing@desk.example',
        `Subject: ${action === 'failed' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
        `Message-ID: <${reportId}>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'This is the mail system at host mx.customer.example.',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.customer.example',
        '',
        `Final-Recipient: rfc822; ${email}`,
        `Action: ${action}`,
        'Status: 5.1.1',
        `Diagnostic-Code: smtp; ${diagnostic}`,
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        'From: Billing Desk <billing@desk.example>',
        `To: ${email}`,
        `Message-ID: ${sent.messageId}`,
        '--b--',
        '',
      ].join('\r\n');
    const send = async (raw: string): Promise<void> => {
      await transport.sendMail({ envelope: { from: '', to: ['billing@desk.example'] }, raw });
    };
    try {
      const delayId = `${randomUUID()}@mx.customer.example`;
      await send(report(delayId, 'delayed', '451 4.2.0 mailbox busy'));
      expect(await filedMail(run, delayId)).toMatchObject({ status: 'ignored', ticket_id: null });
      expect((await ticketMail(ticket)).map((row) => row.status)).toEqual(['sent']);

      const bounceId = `${randomUUID()}@mx.customer.example`;
      await send(report(bounceId, 'failed', '550 5.1.1 Recipient address rejected: User unknown'));
      expect(await filedMail(run, bounceId)).toMatchObject({ status: 'ignored', ticket_id: ticket.id });
    } finally {
      transport.close();
    }
    const rows = await ticketMail(ticket);
    expect(rows.find((row) => row.direction === 'outbound')).toMatchObject({
      status: 'bounced',
      statusReason: 'not delivered: 550 5.1.1 Recipient address rejected: User unknown',
    });
    expect(rows.find((row) => row.direction === 'inbound')?.statusReason).toMatch(
      /^delivery failure report of mail /,
    );
  });

  it('does not email internal notes', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    await reply(ticket, 'Internal: check the ledger first', 'note');
    await reply(ticket, 'Public answer');
    const mails = await waitForMailTo(run.sink, email, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const texts = (await mailTo(run.sink, email)).map((mail) => mail.text ?? '');
    expect(texts).toEqual([expect.stringMatching(/^Public answer\n\n-- \n/)]);
    expect(texts[0]).not.toContain('Internal');
    expect(mails).toHaveLength(1);
    expect(await ticketMail(ticket)).toHaveLength(1);
  });

  it('queues the email in the same transaction as the reply (the row exists as soon as the reply is stored)', async () => {
    const ticket = await createTicket(run.testApp, agent, { requester: { email: customer() } });
    const messageId = await reply(ticket, 'Stored with its email');
    const rows = await run.testApp.dataSource.query<{ ticket_message_id: string }[]>(
      `SELECT ticket_message_id FROM mail_messages WHERE ticket_id = $1 AND direction = 'outbound'`,
      [ticket.id],
    );
    expect(rows).toEqual([{ ticket_message_id: messageId }]);
  });

  it('retries through a refusing relay, shows the failure on the ticket, and delivers once the relay is back', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    run.sink.refusing = true;
    try {
      await reply(ticket, 'Sent while the relay is down');
      const failing = await eventually(async () => {
        const [row] = await ticketMail(ticket);
        return row && row.attempts >= 1 ? row : undefined;
      });
      expect(failing.status).toBe('queued');
      expect(failing.statusReason).toMatch(/451|unavailable/i);
    } finally {
      run.sink.refusing = false;
    }
    const [delivered] = await waitForMailTo(run.sink, email, 1);
    expect(delivered.text).toContain('Sent while the relay is down');
    const [row] = await eventually(async () => {
      const rows = await ticketMail(ticket);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(row.statusReason).toBeNull();
    expect(await mailTo(run.sink, email)).toHaveLength(1);
  });

  it('puts a failed email back in the queue on request', async () => {
    const email = customer();
    const ticket = await createTicket(run.testApp, agent, { requester: { email } });
    run.sink.refusing = true;
    let failedId: string;
    try {
      await reply(ticket, 'Retried by hand');
      const [row] = await eventually(async () => {
        const rows = await ticketMail(ticket);
        return rows[0]?.attempts >= 1 ? rows : undefined;
      });
      failedId = row.id;
      // Stand in for the last automatic attempt failing.
      await run.testApp.dataSource.query(`UPDATE mail_messages SET status = 'failed' WHERE id = $1`, [
        failedId,
      ]);
    } finally {
      run.sink.refusing = false;
    }
    expect((await ticketMail(ticket))[0]).toMatchObject({ status: 'failed' });
    await run.testApp
      .http()
      .post(`/api/tickets/${ticket.id}/mail/${failedId}/retry`)
      .set('authorization', agent.auth)
      .expect(202);
    await waitForMailTo(run.sink, email, 1);
    await eventually(async () => (await ticketMail(ticket))[0]?.status === 'sent');
  });
});
