import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { InboundSmtpListener } from '../../apps/worker/src/mail-inbound/inbound-smtp.listener';
import { filedMail, MailRun, startMailRun } from '../support/mail';
import { TestAgent, uniqueTeam } from '../support/test-app';
import { expectApiError } from '../support/tickets';

interface AttachmentView {
  id: string;
  filename: string | null;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
}

/** Agents see and download what customers attached to their email, and nothing else. */
describe("a ticket's email attachments", () => {
  let run: MailRun;
  let supervisor: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('attachments');
    [supervisor, outsider] = await Promise.all([
      run.testApp.agent('supervisor'),
      run.testApp.agent('agent', [uniqueTeam('elsewhere')]),
    ]);
  });

  afterAll(async () => {
    await run?.stop();
  });

  async function emailWithAttachments(): Promise<string> {
    const messageId = `${randomUUID()}@customer.example`;
    const port = run.worker.get(InboundSmtpListener).port;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: `pat-${randomUUID().slice(0, 8)}@customer.example`,
        to: 'billing@desk.example',
        subject: 'Remittance advice',
        messageId: `<${messageId}>`,
        text: 'Remittance attached.',
        html: '<p>Remittance attached.</p><img src="cid:logo@customer">',
        attachments: [
          {
            filename: 'Überweisung "März".pdf',
            content: Buffer.from('%PDF-1.4 fake'),
            contentType: 'application/pdf',
          },
          { filename: 'logo.png', content: Buffer.from('89504e47', 'hex'), cid: 'logo@customer' },
        ],
      });
    } finally {
      transport.close();
    }
    const filed = await filedMail(run, messageId);
    if (!filed.ticket_id) throw new Error(`the message was not filed on a ticket: ${filed.status_reason}`);
    return filed.ticket_id;
  }

  const mailOf = (ticketId: string, who: TestAgent = supervisor) =>
    run.testApp.http().get(`/api/tickets/${ticketId}/mail`).set('authorization', who.auth);

  it('lists the attachments with the email they came with and serves each as a download', async () => {
    const ticketId = await emailWithAttachments();
    const [mail] = (await mailOf(ticketId).expect(200)).body as { attachments: AttachmentView[] }[];
    expect(mail.attachments).toEqual([
      {
        id: expect.any(String),
        filename: 'Überweisung "März".pdf',
        contentType: 'application/pdf',
        sizeBytes: 13,
        inline: false,
      },
      { id: expect.any(String), filename: 'logo.png', contentType: 'image/png', sizeBytes: 4, inline: true },
    ]);

    const download = await run.testApp
      .http()
      .get(`/api/tickets/${ticketId}/mail/attachments/${mail.attachments[0].id}`)
      .set('authorization', supervisor.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((download.body as Buffer).toString()).toBe('%PDF-1.4 fake');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_berweisung _M_rz_.pdf"; filename*=UTF-8''${encodeURIComponent('Überweisung "März".pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('refuses agents who may not see the ticket, and attachments of other tickets', async () => {
    const ticketId = await emailWithAttachments();
    const otherTicketId = await emailWithAttachments();
    const [mail] = (await mailOf(ticketId).expect(200)).body as { attachments: AttachmentView[] }[];
    const path = (ticket: string) => `/api/tickets/${ticket}/mail/attachments/${mail.attachments[0].id}`;

    expectApiError(await run.testApp.http().get(path(ticketId)).set('authorization', outsider.auth), 403);
    expectApiError(
      await run.testApp.http().get(path(otherTicketId)).set('authorization', supervisor.auth),
      404,
      /No attachment/,
    );
    expectApiError(
      await run.testApp
        .http()
        .get(`/api/tickets/${ticketId}/mail/attachments/not-a-uuid`)
        .set('authorization', supervisor.auth),
      400,
    );
    expectApiError(await run.testApp.http().get(path(ticketId)), 401);
  });
});
