import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { UpdateTicketUseCase } from '@ledgerdesk/tickets';
import { InboundSmtpListener } from '../../apps/worker/src/mail-inbound/inbound-smtp.listener';
import { startWorker } from '../support/kpi';
import { setEnvironment } from '../support/environment';

/** Small limits for this file, so the size and rate guards can be shown quickly. */
const ENVIRONMENT = {
  MAIL_MAX_BYTES: '200000',
  MAIL_SENDER_RATE_LIMIT: '6',
  DESK_EMAIL: 'billing@desk.example',
  INBOUND_TEAM: `Billing inbox ${randomUUID().slice(0, 8)}`,
  // Its own Redis keys (under the run's prefix, so teardown removes them): this file's worker
  // must not create the run's shared job schedulers.
  REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'ld-test'}:mail-inbound`,
};

interface MailRow {
  id: string;
  status: string;
  status_reason: string | null;
  ticket_id: string | null;
  ticket_message_id: string | null;
  raw: Buffer;
}

interface TicketRow {
  id: string;
  number: string;
  subject: string;
  channel: string;
  status: string;
  requester_email: string | null;
  requester_name: string | null;
  customer_account_id: string | null;
  team_id: string | null;
  tags: string[];
}

describe('inbound email (SMTP on loopback → tickets)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let worker: INestApplicationContext;
  let admin: AuthenticatedAgent;
  let db: DataSource;
  let smtp: Transporter;
  let inboundTeamId: string;

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENVIRONMENT);
    worker = await startWorker();
    db = worker.get(DataSource);
    const email = `mail-admin-${randomUUID().slice(0, 8)}@test.example`;
    const [agent] = await db.query<{ id: string }[]>(
      `INSERT INTO agents (email, name, role, password_hash) VALUES ($1, 'Mail admin', 'admin', 'x') RETURNING id`,
      [email],
    );
    admin = { id: agent.id, email, name: 'Mail admin', role: 'admin', teamIds: [] };
    // Named in another letter case than INBOUND_TEAM: names compare case-insensitively.
    [{ id: inboundTeamId }] = await db.query<{ id: string }[]>(
      `INSERT INTO teams (name) VALUES ($1) RETURNING id`,
      [ENVIRONMENT.INBOUND_TEAM.toUpperCase()],
    );
    const port = worker.get(InboundSmtpListener).port;
    smtp = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
  });

  afterAll(async () => {
    smtp?.close();
    await worker?.close();
    restoreEnvironment?.();
  });

  const customer = (label = 'pat'): string => `${label}-${randomUUID().slice(0, 8)}@customer.example`;
  const newMessageId = (): string => `${randomUUID()}@customer.example`;

  /** Sends a raw MIME message (CRLF line ends) and returns its Message-ID. */
  async function sendRaw(from: string, headers: Record<string, string>, body: string): Promise<string> {
    const messageId = newMessageId();
    const lines = [
      `From: ${from}`,
      'To: billing@desk.example',
      `Message-ID: <${messageId}>`,
      'Date: Tue, 25 Nov 2025 10:00:00 +0000',
      'MIME-Version: 1.0',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      body,
    ];
    await smtp.sendMail({
      envelope: { from: from.replace(/^.*<|>.*$/g, ''), to: ['billing@desk.example'] },
      raw: lines.join('\r\n'),
    });
    return messageId;
  }

  async function processed(messageId: string): Promise<MailRow> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [row] = await db.query<MailRow[]>(
        `SELECT id, status, status_reason, ticket_id, ticket_message_id, raw FROM mail_messages
          WHERE message_id = $1 OR (message_id IS NULL AND position(convert_to($1, 'UTF8') in raw) > 0)`,
        [messageId],
      );
      if (row && row.status !== 'received') return row;
      if (Date.now() > deadline)
        throw new Error(`mail ${messageId} was not processed (${row?.status ?? 'absent'})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const ticket = async (id: string): Promise<TicketRow> =>
    (await db.query<TicketRow[]>(`SELECT * FROM tickets WHERE id = $1`, [id]))[0];

  const messages = (
    ticketId: string,
  ): Promise<{ id: string; kind: string; body_text: string; body_html: string }[]> =>
    db.query(
      `SELECT id, kind, body_text, body_html FROM ticket_messages WHERE ticket_id = $1 ORDER BY created_at`,
      [ticketId],
    );

  const events = (
    ticketId: string,
  ): Promise<{ type: string; actor_kind: string; payload: Record<string, unknown> }[]> =>
    db.query(`SELECT type, actor_kind, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [
      ticketId,
    ]);

  /** Status changes go through the tickets use case, as an agent's would. */
  async function setStatus(
    ticketId: string,
    status: 'open' | 'pending' | 'on_hold' | 'solved' | 'closed',
  ): Promise<void> {
    await worker.get(UpdateTicketUseCase).execute(ticketId, { status }, admin);
  }

  /** Opens a ticket by email from `from` and returns it with the Message-ID of the opening mail. */
  async function openByMail(
    from: string,
    subject = 'Charged twice',
  ): Promise<{ ticket: TicketRow; messageId: string }> {
    const messageId = await sendRaw(
      from,
      { Subject: subject, 'Content-Type': 'text/plain; charset=utf-8' },
      'Hello, please help.',
    );
    const row = await processed(messageId);
    return { ticket: await ticket(row.ticket_id!), messageId };
  }

  it('opens an email ticket from a plain-text message, keeping the raw MIME and linking the stored message', async () => {
    const from = customer();
    const messageId = await sendRaw(
      `Pat Doe <${from}>`,
      { Subject: 'Charged twice for October', 'Content-Type': 'text/plain; charset=utf-8' },
      'Hello,\r\n\r\nI was charged twice for October.\r\n\r\nSent from my iPhone',
    );
    const row = await processed(messageId);
    expect(row).toMatchObject({ status: 'processed', status_reason: 'new ticket' });
    expect(row.raw.toString('utf8')).toContain('Sent from my iPhone');
    const created = await ticket(row.ticket_id!);
    expect(created).toMatchObject({
      subject: 'Charged twice for October',
      channel: 'email',
      status: 'new',
      requester_email: from,
      requester_name: 'Pat Doe',
      customer_account_id: null,
    });
    const [message] = await messages(created.id);
    expect(message).toMatchObject({ id: row.ticket_message_id, kind: 'customer' });
    expect(message.body_text).toBe('Hello,\n\nI was charged twice for October.');
    expect((await events(created.id)).map((event) => [event.type, event.actor_kind])).toEqual([
      ['ticket.created', 'customer'],
      ['message', 'customer'],
    ]);
  });

  it('links the account only through a verified contact address', async () => {
    const verified = customer('verified');
    const unverified = customer('unverified');
    const [account] = await db.query<{ id: string }[]>(
      `INSERT INTO customer_accounts (number, name, currency) VALUES ($1, 'Acme', 'EUR') RETURNING id`,
      [`ACC-${randomUUID().slice(0, 8)}`],
    );
    await db.query(
      `INSERT INTO account_contacts (account_id, email, verified) VALUES ($1, $2, true), ($1, $3, false)`,
      [account.id, verified.toUpperCase(), unverified],
    );
    expect((await openByMail(verified)).ticket.customer_account_id).toBe(account.id);
    expect((await openByMail(unverified)).ticket.customer_account_id).toBeNull();
  });

  it('stores an HTML message sanitised, without scripts or remote images', async () => {
    const from = customer();
    const messageId = await sendRaw(
      from,
      { Subject: 'HTML question', 'Content-Type': 'text/html; charset=utf-8' },
      '<html><body><p>Why is <b>invoice 42</b> so high?</p><img src="https://tracker.example/pixel.gif"><script>alert(1)</script></body></html>',
    );
    const row = await processed(messageId);
    const [message] = await messages(row.ticket_id!);
    expect(message.body_html).toBe('<p>Why is <b>invoice 42</b> so high?</p>');
    expect(message.body_html).not.toMatch(/img|script|tracker/);
    expect(message.body_text).toBe('Why is invoice 42 so high?');
  });

  it('keeps the attachments and inline images of a multipart message', async () => {
    const from = customer();
    const messageId = newMessageId();
    await smtp.sendMail({
      from,
      to: 'billing@desk.example',
      subject: 'Remittance advice',
      messageId: `<${messageId}>`,
      text: 'Remittance attached.',
      html: '<p>Remittance attached.</p><img src="cid:logo@customer">',
      attachments: [
        { filename: 'remittance.pdf', content: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' },
        { filename: 'logo.png', content: Buffer.from('89504e47', 'hex'), cid: 'logo@customer' },
      ],
    });
    const row = await processed(messageId);
    const attachments = await db.query<
      {
        filename: string;
        content_type: string;
        inline: boolean;
        size_bytes: number;
        content: Buffer;
        content_id: string | null;
      }[]
    >(
      `SELECT filename, content_type, inline, size_bytes, content, content_id FROM mail_attachments WHERE mail_message_id = $1 ORDER BY filename`,
      [row.id],
    );
    expect(
      attachments.map(({ filename, content_type, inline, size_bytes, content_id }) => ({
        filename,
        content_type,
        inline,
        size_bytes,
        content_id,
      })),
    ).toEqual([
      {
        filename: 'logo.png',
        content_type: 'image/png',
        inline: true,
        size_bytes: 4,
        content_id: 'logo@customer',
      },
      {
        filename: 'remittance.pdf',
        content_type: 'application/pdf',
        inline: false,
        size_bytes: 13,
        content_id: null,
      },
    ]);
    expect(attachments[1].content.toString()).toBe('%PDF-1.4 fake');
    const [message] = await messages(row.ticket_id!);
    expect(message.body_text).toBe('Remittance attached.');
  });

  it('decodes ISO-8859-1 quoted-printable and Windows-1252 text, and unencoded Latin-1 headers', async () => {
    const latin1 = await sendRaw(
      customer('rene'),
      {
        Subject: '=?ISO-8859-1?Q?Facture_d=E9j=E0_pay=E9e?=',
        'Content-Type': 'text/plain; charset=ISO-8859-1',
        'Content-Transfer-Encoding': 'quoted-printable',
      },
      'Bonjour,\r\n\r\nLa facture est d=E9j=E0 r=E9gl=E9e (120 =80 =3D 120 EUR).\r\n\r\nRen=E9',
    );
    const row = await processed(latin1);
    expect((await ticket(row.ticket_id!)).subject).toBe('Facture déjà payée');
    // 0x80 in ISO-8859-1 is a control character; Windows-1252 reads it as the euro sign.
    expect((await messages(row.ticket_id!))[0].body_text).toMatch(
      /^Bonjour,\n\nLa facture est déjà réglée \(120 .* = 120 EUR\)\.\n\nRené$/,
    );

    const cp1252 = await sendRaw(
      customer('jurgen'),
      {
        Subject: 'Rechnung',
        'Content-Type': 'text/plain; charset=windows-1252',
        'Content-Transfer-Encoding': 'quoted-printable',
      },
      'Gr=FC=DFe, das sind 80 =80 =96 nicht 90 =80.',
    );
    const cpRow = await processed(cp1252);
    expect((await messages(cpRow.ticket_id!))[0].body_text).toBe('Grüße, das sind 80 € – nicht 90 €.');

    // Some mailers still write Latin-1 headers unencoded (8-bit bytes, no RFC 2047).
    const from = customer('juergen');
    const messageId = newMessageId();
    await smtp.sendMail({
      envelope: { from, to: ['billing@desk.example'] },
      raw: Buffer.from(
        [
          `From: J\u00fcrgen M\u00fcller <${from}>`,
          'To: billing@desk.example',
          `Message-ID: <${messageId}>`,
          'Subject: Geb\u00fchr M\u00e4rz',
          'Content-Type: text/plain; charset=iso-8859-1',
          '',
          'Die Geb\u00fchr ist zu hoch.',
        ].join('\r\n'),
        'latin1',
      ),
    });
    const rawRow = await processed(messageId);
    expect(await ticket(rawRow.ticket_id!)).toMatchObject({
      subject: 'Gebühr März',
      requester_name: 'Jürgen Müller',
    });
  });

  it('threads a reply by In-Reply-To onto its ticket, storing only the new text', async () => {
    const from = customer();
    const opened = await openByMail(from);
    const reply = await sendRaw(
      from,
      {
        Subject: 'Re: Charged twice',
        'In-Reply-To': `<${opened.messageId}>`,
        References: `<${opened.messageId}>`,
        'Content-Type': 'text/plain; charset=utf-8',
      },
      `Any news?\r\n\r\nOn Tue, Nov 25, 2025 at 10:00 AM <${from}> wrote:\r\n> Hello, please help.\r\n`,
    );
    const row = await processed(reply);
    expect(row).toMatchObject({ status: 'processed', ticket_id: opened.ticket.id, status_reason: 'reply' });
    expect((await messages(opened.ticket.id)).map((message) => message.body_text)).toEqual([
      'Hello, please help.',
      'Any news?',
    ]);
    expect((await events(opened.ticket.id)).at(-1)).toMatchObject({
      type: 'message',
      actor_kind: 'customer',
    });
  });

  it('threads a reply to one of the desk’s own (outbound) messages by References', async () => {
    const from = customer();
    const opened = await openByMail(from);
    const deskMessageId = `${randomUUID()}@desk.example`;
    await db.query(
      `INSERT INTO mail_messages (direction, source, message_id, ticket_id, status) VALUES ('outbound', 'desk', $1, $2, 'sent')`,
      [deskMessageId, opened.ticket.id],
    );
    const reply = await sendRaw(
      from,
      {
        Subject: 'Re: your answer',
        References: `<unknown@x.example> <${deskMessageId}>`,
        'Content-Type': 'text/plain',
      },
      'Thanks, that helps.',
    );
    expect((await processed(reply)).ticket_id).toBe(opened.ticket.id);
  });

  it('threads a reply by the ticket token in the subject', async () => {
    const from = customer();
    const opened = await openByMail(from);
    const reply = await sendRaw(
      from,
      {
        Subject: `AW: [LD-${opened.ticket.number}] Charged twice`,
        'Content-Type': 'text/plain; charset=utf-8',
      },
      'Danke!\r\n\r\nVon meinem iPhone gesendet',
    );
    const row = await processed(reply);
    expect(row.ticket_id).toBe(opened.ticket.id);
    expect((await messages(opened.ticket.id)).at(-1)!.body_text).toBe('Danke!');
  });

  it('reopens a solved ticket when the customer replies within the reopen window', async () => {
    const from = customer();
    const opened = await openByMail(from);
    await setStatus(opened.ticket.id, 'open');
    await setStatus(opened.ticket.id, 'solved');
    const reply = await sendRaw(
      from,
      { Subject: `Re: [LD-${opened.ticket.number}] Charged twice`, 'Content-Type': 'text/plain' },
      'It happened again.',
    );
    const row = await processed(reply);
    expect(row).toMatchObject({ ticket_id: opened.ticket.id, status_reason: 'reply; reopened the ticket' });
    expect((await ticket(opened.ticket.id)).status).toBe('open');
    const log = await events(opened.ticket.id);
    expect(log.slice(-2).map((event) => [event.type, event.actor_kind])).toEqual([
      ['ticket.reopened', 'customer'],
      ['message', 'customer'],
    ]);
  });

  it.each(['pending', 'on_hold'] as const)(
    'takes a ticket that is %s back to open when the customer answers (the desk was waiting for it)',
    async (waiting) => {
      const from = customer();
      const opened = await openByMail(from);
      await setStatus(opened.ticket.id, 'open');
      await setStatus(opened.ticket.id, waiting);
      const row = await processed(
        await sendRaw(
          from,
          { Subject: `Re: [LD-${opened.ticket.number}] Charged twice`, 'Content-Type': 'text/plain' },
          'Here is the bank statement you asked for.',
        ),
      );
      expect(row).toMatchObject({ ticket_id: opened.ticket.id, status_reason: 'reply' });
      expect((await ticket(opened.ticket.id)).status).toBe('open');
      const log = await events(opened.ticket.id);
      expect(
        log.slice(-2).map((event) => [event.type, event.actor_kind, event.payload.from ?? null]),
      ).toEqual([
        ['ticket.status_changed', 'customer', waiting],
        ['message', 'customer', null],
      ]);
    },
  );

  it('opens a follow-up ticket linked to a closed ticket, and to one solved beyond the window', async () => {
    const from = customer();
    const closed = await openByMail(from, 'Refund');
    await setStatus(closed.ticket.id, 'open');
    await setStatus(closed.ticket.id, 'closed');
    const reply = await sendRaw(
      from,
      {
        Subject: `Re: [LD-${closed.ticket.number}] Refund`,
        'In-Reply-To': `<${closed.messageId}>`,
        'Content-Type': 'text/plain',
      },
      'Still no refund.',
    );
    const row = await processed(reply);
    expect(row.ticket_id).not.toBe(closed.ticket.id);
    const followUp = await ticket(row.ticket_id!);
    expect(followUp).toMatchObject({
      subject: `[LD-${closed.ticket.number}] Refund`,
      requester_email: from,
      status: 'new',
    });
    expect(followUp.tags).toContain('follow-up');
    expect((await events(followUp.id))[0].payload).toMatchObject({ followUpOf: closed.ticket.id });
    expect((await ticket(closed.ticket.id)).status).toBe('closed');

    const old = await openByMail(from, 'Old question');
    await setStatus(old.ticket.id, 'open');
    await setStatus(old.ticket.id, 'solved');
    await db.query(`UPDATE tickets SET solved_at = now() - interval '15 days' WHERE id = $1`, [
      old.ticket.id,
    ]);
    const late = await sendRaw(
      from,
      { Subject: `Re: [LD-${old.ticket.number}] Old question`, 'Content-Type': 'text/plain' },
      'One more thing.',
    );
    const lateRow = await processed(late);
    expect(lateRow.ticket_id).not.toBe(old.ticket.id);
    expect((await events(lateRow.ticket_id!))[0].payload).toMatchObject({ followUpOf: old.ticket.id });
    expect((await ticket(old.ticket.id)).status).toBe('solved');
  });

  it('puts a new email ticket in the INBOUND_TEAM queue, and a follow-up in the queue of the ticket it follows', async () => {
    const from = customer();
    const first = await openByMail(from, 'Card declined');
    expect(first.ticket.team_id).toBe(inboundTeamId);
    expect((await events(first.ticket.id))[0].payload).toMatchObject({ teamId: inboundTeamId });

    const [{ id: collections }] = await db.query<{ id: string }[]>(
      `INSERT INTO teams (name) VALUES ($1) RETURNING id`,
      [`Collections ${randomUUID().slice(0, 8)}`],
    );
    await worker.get(UpdateTicketUseCase).execute(first.ticket.id, { teamId: collections }, admin);
    await setStatus(first.ticket.id, 'closed');
    const reply = await sendRaw(
      from,
      { Subject: `Re: [LD-${first.ticket.number}] Card declined`, 'Content-Type': 'text/plain' },
      'It was declined again today.',
    );
    const followUp = await ticket((await processed(reply)).ticket_id!);
    expect(followUp.tags).toContain('follow-up');
    expect(followUp.team_id).toBe(collections);
    expect((await events(followUp.id))[0].payload).toMatchObject({
      followUpOf: first.ticket.id,
      teamId: collections,
    });
  });

  it('holds a reply from a stranger as a new ticket instead of appending it (thread-hijack guard)', async () => {
    const owner = customer('owner');
    const opened = await openByMail(owner);
    const stranger = customer('stranger');
    const reply = await sendRaw(
      stranger,
      {
        Subject: `Re: [LD-${opened.ticket.number}] Charged twice`,
        'In-Reply-To': `<${opened.messageId}>`,
        'Content-Type': 'text/plain',
      },
      'Please send the invoice to me instead.',
    );
    const row = await processed(reply);
    expect(row.ticket_id).not.toBe(opened.ticket.id);
    expect(row.status_reason).toMatch(/^held:/);
    expect(await ticket(row.ticket_id!)).toMatchObject({
      requester_email: stranger,
      customer_account_id: null,
    });
    expect((await ticket(row.ticket_id!)).tags).toContain('unverified-reply');
    expect(await messages(opened.ticket.id)).toHaveLength(1);
  });

  it('appends a reply from another verified contact of the ticket’s account', async () => {
    const requester = customer('ap');
    const colleague = customer('cfo');
    const [account] = await db.query<{ id: string }[]>(
      `INSERT INTO customer_accounts (number, name, currency) VALUES ($1, 'Globex', 'EUR') RETURNING id`,
      [`ACC-${randomUUID().slice(0, 8)}`],
    );
    await db.query(
      `INSERT INTO account_contacts (account_id, email, verified) VALUES ($1, $2, true), ($1, $3, true)`,
      [account.id, requester, colleague],
    );
    const opened = await openByMail(requester);
    expect(opened.ticket.customer_account_id).toBe(account.id);
    const reply = await sendRaw(
      colleague,
      { Subject: `Re: [LD-${opened.ticket.number}] Charged twice`, 'Content-Type': 'text/plain' },
      'I approve the refund.',
    );
    expect(await processed(reply)).toMatchObject({ ticket_id: opened.ticket.id, status_reason: 'reply' });
  });

  it('files a sender’s messages in arrival order: a reply sent right behind its opener joins the same ticket', async () => {
    const from = customer('burst');
    const first = await sendRaw(from, { Subject: 'Burst', 'Content-Type': 'text/plain' }, 'First message.');
    const replies = await Promise.all(
      [1, 2, 3].map((n) =>
        sendRaw(
          from,
          { Subject: 'Re: Burst', 'In-Reply-To': `<${first}>`, 'Content-Type': 'text/plain' },
          `Follow-up ${n}.`,
        ),
      ),
    );
    const opened = await processed(first);
    for (const reply of replies) {
      expect(await processed(reply)).toMatchObject({ ticket_id: opened.ticket_id, status_reason: 'reply' });
    }
    expect((await messages(opened.ticket_id!)).map((message) => message.body_text).sort()).toEqual([
      'First message.',
      'Follow-up 1.',
      'Follow-up 2.',
      'Follow-up 3.',
    ]);
  });

  it('files a message with NUL characters (removed) instead of failing it', async () => {
    const messageId = await sendRaw(
      customer('nul'),
      {
        Subject: '=?UTF-8?Q?Invoice=00_42?=',
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Transfer-Encoding': 'quoted-printable',
      },
      'Invoice=00 42 is wrong.',
    );
    const row = await processed(messageId);
    expect(row).toMatchObject({ status: 'processed', status_reason: 'new ticket' });
    expect((await ticket(row.ticket_id!)).subject).toBe('Invoice 42');
    expect((await messages(row.ticket_id!))[0].body_text).toBe('Invoice 42 is wrong.');
  });

  it('lets one message that cannot be filed wait with backoff while the rest of its lane goes on', async () => {
    const from = customer('poison');
    const poisonSubject = `poison-${randomUUID()}`;
    // A real failure inside the filing transaction, for this one message only.
    await db.query(`
      CREATE FUNCTION refuse_${poisonSubject.replace(/-/g, '_')}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject = '${poisonSubject}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`);
    const trigger = `refuse_${poisonSubject.replace(/-/g, '_')}`;
    await db.query(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON mail_messages FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
    let poison: string | undefined;
    try {
      const before = await sendRaw(from, { Subject: 'Before', 'Content-Type': 'text/plain' }, 'One.');
      poison = await sendRaw(from, { Subject: poisonSubject, 'Content-Type': 'text/plain' }, 'Two.');
      const after = await sendRaw(from, { Subject: 'After', 'Content-Type': 'text/plain' }, 'Three.');
      expect(await processed(before)).toMatchObject({ status: 'processed' });
      expect(await processed(after)).toMatchObject({ status: 'processed' });
      const [waiting] = await db.query<{ status: string; attempts: number; status_reason: string }[]>(
        `SELECT status, attempts, status_reason FROM mail_messages
          WHERE direction = 'inbound' AND position(convert_to($1, 'UTF8') in raw) > 0`,
        [poison],
      );
      expect(waiting.status).toBe('received');
      expect(waiting.attempts).toBeGreaterThanOrEqual(1);
      expect(waiting.status_reason).toContain('refused for the test');
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON mail_messages`);
      await db.query(`DROP FUNCTION ${trigger}()`);
    }
    // Once the cause is gone, the retry after its backoff files it.
    expect(await processed(poison)).toMatchObject({ status: 'processed', status_reason: 'new ticket' });
  });

  it('never opens tickets for auto-replies, bounces or bulk mail (no loops)', async () => {
    const countBefore = (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM tickets`))[0].n;
    const cases: [string, Record<string, string>, string][] = [
      [
        customer('ooo'),
        { Subject: 'Out of Office: Charged twice', 'Content-Type': 'text/plain' },
        'I am away.',
      ],
      [
        customer('auto'),
        { Subject: 'Re: hello', 'Auto-Submitted': 'auto-replied', 'Content-Type': 'text/plain' },
        'Thanks for your mail.',
      ],
      [
        customer('bulk'),
        { Subject: 'Newsletter', Precedence: 'bulk', 'Content-Type': 'text/plain' },
        'News.',
      ],
      [
        customer('xauto'),
        { Subject: 'Re: hello', 'X-Autoreply': 'yes', 'Content-Type': 'text/plain' },
        'Auto.',
      ],
      [
        'MAILER-DAEMON@mx.customer.example',
        { Subject: 'Undelivered Mail Returned to Sender', 'Content-Type': 'text/plain' },
        'Failed.',
      ],
      [
        customer('dsn'),
        {
          Subject: 'Delivery report',
          'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"',
        },
        '--b\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n--b--',
      ],
      ['billing@desk.example', { Subject: 'Re: [LD-1] loop', 'Content-Type': 'text/plain' }, 'Our own mail.'],
      [
        customer('outlook-de'),
        { Subject: 'Automatische Antwort: Re: Rechnung', 'Content-Type': 'text/plain' },
        'Ich bin nicht im Büro.',
      ],
      [
        customer('news'),
        { Subject: 'Our November news', 'List-Id': '<news.vendor.example>', 'Content-Type': 'text/plain' },
        'News.',
      ],
      [
        customer('loop'),
        { Subject: 'Re: hello', 'X-Loop': 'billing@desk.example', 'Content-Type': 'text/plain' },
        'Loop.',
      ],
      ['no-reply@vendor.example', { Subject: 'Your receipt', 'Content-Type': 'text/plain' }, 'Receipt.'],
    ];
    for (const [from, headers, body] of cases) {
      const row = await processed(await sendRaw(from, headers, body));
      expect(row).toMatchObject({ status: 'ignored', ticket_id: null });
      expect(row.status_reason).toEqual(expect.any(String));
    }
    const countAfter = (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM tickets`))[0].n;
    expect(countAfter).toBe(countBefore);
  });

  it('opens a web form relay’s ticket for the person in Reply-To, and threads that person’s replies', async () => {
    const person = customer('kim');
    const row = await processed(
      await sendRaw(
        'Billing form <noreply@forms.customer.example>',
        {
          Subject: 'Web form: refund request',
          'Reply-To': `Kim Lee <${person}>`,
          'Content-Type': 'text/plain; charset=utf-8',
        },
        'Please refund invoice 1042.',
      ),
    );
    expect(row).toMatchObject({ status: 'processed', status_reason: 'new ticket' });
    const opened = await ticket(row.ticket_id!);
    expect(opened).toMatchObject({ requester_email: person, requester_name: 'Kim Lee' });
  });

  it('refuses a message over MAIL_MAX_BYTES with SMTP 552 and stores nothing', async () => {
    const from = customer('big');
    const before = (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM mail_messages`))[0].n;
    await expect(
      smtp.sendMail({
        from,
        to: 'billing@desk.example',
        subject: 'Big',
        text: 'x'.repeat(300_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect((await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM mail_messages`))[0].n).toBe(
      before,
    );
  });

  it('answers 450 (try later) to a sender over its rate limit', async () => {
    const from = customer('flood');
    for (let sent = 0; sent < 6; sent += 1) {
      await smtp.sendMail({ from, to: 'billing@desk.example', subject: `Flood ${sent}`, text: 'again' });
    }
    await expect(
      smtp.sendMail({ from, to: 'billing@desk.example', subject: 'Flood 7', text: 'again' }),
    ).rejects.toMatchObject({ responseCode: 450 });
    await smtp.sendMail({
      from: customer('other'),
      to: 'billing@desk.example',
      subject: 'Other',
      text: 'fine',
    });
  });
});
