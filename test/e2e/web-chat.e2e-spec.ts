import {
  CHAT_COMMANDS,
  CHAT_EVENTS,
  ChatConversation,
  ChatMessage,
  ChatStatus,
  ChatTyping,
} from '@ledgerdesk/contracts';
import { RequestLinks } from '@ledgerdesk/tickets';
import { randomUUID } from 'node:crypto';
import { setEnvironment } from '../support/environment';
import { MailRun, startMailRun, waitForMailTo } from '../support/mail';
import { connectChat, connectLive, LiveClient, listen, refusedConnection } from '../support/live';
import { TestAgent, TestApp } from '../support/test-app';
import { patchTicket, postMessage } from '../support/tickets';

/**
 * Read when the app starts. Chat messages are limited per client address, which the test names
 * in X-Forwarded-For (trusted from the loopback proxy) — on the handshake as on a form post.
 */
const ENVIRONMENT = {
  CONTACT_FORM_RATE_LIMIT: '50',
  CONTACT_FORM_RATE_WINDOW_SECONDS: '600',
  CHAT_MESSAGES_PER_MINUTE: '4',
  TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
};

type SendAck = { ok: true; message: ChatMessage } | { ok: false; error: string };

describe('web chat (/chat and the /chat socket namespace)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let testApp: TestApp;
  let url: string;
  let supervisor: TestAgent;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENVIRONMENT);
    testApp = await TestApp.start();
    url = await listen(testApp);
    supervisor = await testApp.agent('supervisor');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await testApp?.close();
    restoreEnvironment?.();
  });

  const someAddress = (): string =>
    `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const customer = (): string => `chat-${randomUUID().slice(0, 8)}@customer.example`;
  /** The start form posted from a client address of its own. */
  const postChat = (form: Record<string, string>) =>
    testApp.http().post('/chat').set('x-forwarded-for', someAddress()).type('form').send(form);

  /** Starts a chat as a customer would; returns its ticket and the chat's token. */
  const startChat = async (
    message = 'Why was I charged twice?\nInvoice INV-88, in October.',
  ): Promise<{ ticketId: string; token: string; path: string; email: string }> => {
    const email = customer();
    const response = await postChat({ name: 'Jo Chat', email, category: 'duplicate_charge', message }).expect(
      303,
    );
    const path = response.headers.location;
    expect(path).toMatch(/^\/requests\/r1\.[^/?]+$/);
    const [{ id: ticketId }] = await testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets WHERE requester_email = $1`,
      [email],
    );
    return { ticketId, token: path.split('/').pop() ?? '', path, email };
  };
  /** Each chat from its own client address: the message limit is tested on its own. */
  const chat = async (token: string): Promise<LiveClient> => {
    const client = await connectChat(url, token, someAddress());
    clients.push(client);
    return client;
  };
  const watching = async (ticketId: string): Promise<{ live: LiveClient; customerInChat: boolean }> => {
    const live = await connectLive(url, supervisor);
    clients.push(live);
    const ack = await live.command<{ ok: boolean; customerInChat: boolean }>('ticket.watch', { ticketId });
    expect(ack.ok).toBe(true);
    return { live, customerInChat: ack.customerInChat };
  };
  const send = (client: LiveClient, body: unknown): Promise<SendAck> =>
    client.command<SendAck>(CHAT_COMMANDS.send, body);
  const customerMessages = async (ticketId: string): Promise<string[]> =>
    (
      await testApp.dataSource.query<{ body_text: string }[]>(
        `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY created_at, id`,
        [ticketId],
      )
    ).map((row) => row.body_text);

  it('serves the start form without a subject field, refuses bad input by field (400) and drops a bot', async () => {
    const page = await testApp.http().get('/chat').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<form method="post" action="/chat"');
    expect(page.text).not.toContain('id="subject"');
    expect(page.text).toContain('Start chat');

    const refused = await postChat({ email: 'not an address', message: '' }).expect(400);
    expect(refused.text).toContain('This is not an email address.');
    expect(refused.text).toContain('Please tell us how we can help.');
    expect(refused.text).toContain('<form method="post" action="/chat"');

    const email = customer();
    const bot = await postChat({ email, message: 'Cheap pills', website: 'http://spam.example' }).expect(200);
    expect(bot.text).toContain('Thank you, we have your request');
    expect(
      await testApp.dataSource.query(`SELECT id FROM tickets WHERE requester_email = $1`, [email]),
    ).toEqual([]);
  });

  it('opens a chat ticket named after the first line, acknowledged by email, and sends the customer to it', async () => {
    const { ticketId, path, email } = await startChat();
    const [ticket] = await testApp.dataSource.query<Record<string, unknown>[]>(
      `SELECT channel, subject, category, status, requester_name FROM tickets WHERE id = $1`,
      [ticketId],
    );
    expect(ticket).toEqual({
      channel: 'chat',
      subject: 'Chat: Why was I charged twice?',
      category: 'duplicate_charge',
      status: 'new',
      requester_name: 'Jo Chat',
    });
    expect(await customerMessages(ticketId)).toEqual([
      'Why was I charged twice?\nInvoice INV-88, in October.',
    ]);
    const [mail] = await testApp.dataSource.query<{ outbound_kind: string; to_addresses: string[] }[]>(
      `SELECT outbound_kind, to_addresses FROM mail_messages WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(mail).toEqual({ outbound_kind: 'acknowledgement', to_addresses: [email] });

    const page = await testApp.http().get(path).expect(200);
    expect(page.text).toMatch(/<title>Your chat LD-\d+<\/title>/);
    expect(page.text).toContain('Open: an agent answers here.');
    // "Ada is writing…" shows under the conversation, above the form (it was below the form).
    expect(page.text.indexOf('id="chat-typing"')).toBeGreaterThan(page.text.indexOf('id="chat-log"'));
    expect(page.text.indexOf('id="chat-typing"')).toBeLessThan(page.text.indexOf('id="chat-form"'));
    expect(page.text).toContain(
      '<script src="/socket.io/socket.io.min.js"></script><script src="/chat/client.js"></script>',
    );
    const client = await testApp.http().get('/chat/client.js').expect(200);
    expect(client.headers['content-type']).toMatch(/^text\/javascript/);
    expect(client.text).toContain("io('/chat'");
    const socketIo = await testApp.http().get('/socket.io/socket.io.min.js').expect(200);
    expect(socketIo.headers['content-type']).toMatch(/javascript/);
  });

  it('shows the conversation on connect, then the desk’s replies as they commit, never internal notes', async () => {
    const { ticketId, token } = await startChat();
    const client = await chat(token);
    const conversation = await client.next<ChatConversation>(CHAT_EVENTS.conversation);
    expect(conversation).toMatchObject({
      subject: 'Chat: Why was I charged twice?',
      status: 'new',
      acceptsMessages: true,
      description: expect.stringContaining('an agent answers here') as string,
      messages: [
        { from: 'customer', agentName: null, text: 'Why was I charged twice?\nInvoice INV-88, in October.' },
      ],
    });

    await postMessage(
      testApp,
      supervisor,
      ticketId,
      'note',
      'Internal: the second charge is a pre-auth.',
    ).expect(201);
    await postMessage(
      testApp,
      supervisor,
      ticketId,
      'reply',
      'The second charge is a hold; it drops off in 3 days.',
    ).expect(201);
    const reply = await client.next<ChatMessage>(CHAT_EVENTS.message, (message) => message.from === 'desk');
    expect(reply).toMatchObject({
      from: 'desk',
      agentName: 'Test',
      text: 'The second charge is a hold; it drops off in 3 days.',
    });
    expect(client.all<ChatMessage>(CHAT_EVENTS.message).map((message) => message.text)).not.toContain(
      'Internal: the second charge is a pre-auth.',
    );
    // The first reply opened the ticket; the page's status line follows.
    const status = await client.next<ChatStatus>(CHAT_EVENTS.status, (state) => state.status === 'open');
    expect(status.acceptsMessages).toBe(true);
  });

  it('stores what the customer sends once, even when the page resends it after a lost answer', async () => {
    const { ticketId, token } = await startChat();
    const client = await chat(token);
    const clientId = randomUUID();
    const sent = await send(client, { text: '  It was on my Visa ending 4242.  ', clientId });
    expect(sent).toMatchObject({
      ok: true,
      message: { from: 'customer', text: 'It was on my Visa ending 4242.' },
    });
    const again = await send(client, { text: 'It was on my Visa ending 4242.', clientId });
    expect(again).toEqual({
      ...sent,
      message: { ...(sent as { message: ChatMessage }).message, at: expect.any(String) },
    });
    expect(await customerMessages(ticketId)).toEqual([
      'Why was I charged twice?\nInvoice INV-88, in October.',
      'It was on my Visa ending 4242.',
    ]);
    // Its own message comes back over the socket too (the page shows it once, by id).
    const pushed = await client.next<ChatMessage>(
      CHAT_EVENTS.message,
      (message) => message.from === 'customer',
    );
    expect(pushed.id).toBe((sent as { message: ChatMessage }).message.id);
  });

  it('refuses a message it cannot store, naming what is wrong', async () => {
    const { ticketId, token } = await startChat();
    const client = await chat(token);
    expect(await send(client, { text: '   ' })).toEqual({ ok: false, error: 'text: write a message' });
    expect(await send(client, { text: 'a\u0000b' })).toEqual({
      ok: false,
      error: 'text: contains characters we cannot store',
    });
    expect(await send(client, { text: 'fine', clientId: 'page-1' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('clientId') as string,
    });
    expect(await send(client, 'just a string')).toEqual({ ok: false, error: 'text: write a message' });
    expect(await customerMessages(ticketId)).toHaveLength(1);
  });

  it('limits messages per client address (CHAT_MESSAGES_PER_MINUTE)', async () => {
    const { ticketId, token } = await startChat();
    const client = await chat(token);
    const acks: SendAck[] = [];
    for (let n = 1; n <= 5; n += 1) acks.push(await send(client, { text: `line ${n}` }));
    expect(acks.slice(0, 4).every((ack) => ack.ok)).toBe(true);
    expect(acks[4]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Too many messages.*wait \d+ s$/) as string,
    });
    expect(await customerMessages(ticketId)).toHaveLength(5);
  });

  it('tells the watching agents whether the customer is in the chat, and the customer who is writing', async () => {
    const { ticketId, token } = await startChat();
    const { live, customerInChat } = await watching(ticketId);
    expect(customerInChat).toBe(false);

    const client = await chat(token);
    await live.next<{ ticketId: string; inChat: boolean }>('ticket.customer', (message) => message.inChat);
    expect((await watching(ticketId)).customerInChat).toBe(true);

    expect(await client.next<ChatTyping>(CHAT_EVENTS.typing)).toEqual({ agents: [] });
    client.clear(CHAT_EVENTS.typing);
    await live.command('ticket.presence', { ticketId, mode: 'replying' });
    expect(await client.next<ChatTyping>(CHAT_EVENTS.typing)).toEqual({ agents: ['Test'] });
    client.clear(CHAT_EVENTS.typing);
    await live.command('ticket.presence', { ticketId, mode: 'viewing' });
    expect(await client.next<ChatTyping>(CHAT_EVENTS.typing)).toEqual({ agents: [] });

    client.close();
    await live.next<{ ticketId: string; inChat: boolean }>('ticket.customer', (message) => !message.inChat);
  });

  it('follows the status: a solved chat still takes a message (and reopens), a closed one does not', async () => {
    const { ticketId, token } = await startChat();
    const client = await chat(token);
    await patchTicket(testApp, supervisor, ticketId, { status: 'solved' }).expect(200);
    const solved = await client.next<ChatStatus>(CHAT_EVENTS.status, (state) => state.status === 'solved');
    expect(solved.acceptsMessages).toBe(true);
    expect(await send(client, { text: 'Actually, one more thing.' })).toMatchObject({ ok: true });
    await client.next<ChatStatus>(CHAT_EVENTS.status, (state) => state.status === 'open');

    await patchTicket(testApp, supervisor, ticketId, { status: 'solved' }).expect(200);
    await patchTicket(testApp, supervisor, ticketId, { status: 'closed' }).expect(200);
    const closed = await client.next<ChatStatus>(CHAT_EVENTS.status, (state) => state.status === 'closed');
    expect(closed).toEqual({ status: 'closed', acceptsMessages: false, description: 'Closed.' });
    expect(await send(client, { text: 'Hello?' })).toEqual({
      ok: false,
      error: 'This chat is closed and takes no more messages: please start a new one',
    });
  });

  it('refuses a forged link, and ends the chats of a link an agent replaced', async () => {
    expect(await refusedConnection(url, '/chat', { token: 'r1.forged' })).toBe('This link does not work');
    expect(await refusedConnection(url, '/chat', {})).toBe('auth.token: the link to the chat is missing');

    const { ticketId } = await startChat();
    // A link made before the reset's second (one made in the same second survives it, by design).
    const token = new URL(
      testApp.app.get(RequestLinks).urlFor(ticketId, new Date(Date.now() - 5000)),
    ).pathname
      .split('/')
      .pop() as string;
    const client = await chat(token);
    const ended = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    await testApp
      .http()
      .post(`/api/tickets/${ticketId}/request-links/reset`)
      .set('Authorization', supervisor.auth)
      .expect((response) => expect(response.status).toBeLessThan(300));
    expect(await ended).toBe('io server disconnect');
    expect(await refusedConnection(url, '/chat', { token })).toBe('This link has been replaced');
  });
});

describe('web chat: the desk’s replies by email', () => {
  let run: MailRun;
  let url: string;
  let supervisor: TestAgent;

  beforeAll(async () => {
    run = await startMailRun('web_chat_mail', { CHAT_REPLY_MAIL_DELAY_SECONDS: '2' });
    url = await listen(run.testApp);
    supervisor = await run.testApp.agent('supervisor');
  });

  afterAll(async () => {
    await run?.stop();
  });

  interface ReplyMail {
    ticket_message_id: string;
    status: string;
    status_reason: string | null;
    waited: number | null;
  }

  it('emails only the replies the customer did not see in the chat, CHAT_REPLY_MAIL_DELAY_SECONDS later', async () => {
    const email = `chat-${randomUUID().slice(0, 8)}@customer.example`;
    const started = await run.testApp
      .http()
      .post('/chat')
      .type('form')
      .send({ email, message: 'Is my refund on its way?' })
      .expect(303);
    const token = started.headers.location.split('/').pop() as string;
    const [{ id: ticketId }] = await run.testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets WHERE requester_email = $1`,
      [email],
    );
    await waitForMailTo(run.sink, email, 1); // the acknowledgement, with the link back to the chat

    const client = await connectChat(url, token);
    try {
      await postMessage(run.testApp, supervisor, ticketId, 'reply', 'Yes: it left us on Monday.').expect(201);
      const seen = await client.next<ChatMessage>(CHAT_EVENTS.message, (message) => message.from === 'desk');
      expect(await client.command(CHAT_COMMANDS.seen, { messageIds: [seen.id] })).toEqual({
        ok: true,
        unsent: 1,
      });
      expect(await client.command(CHAT_COMMANDS.seen, { messageIds: ['not-an-id'] })).toEqual({
        ok: false,
        error: 'messageIds: 1 to 100 message ids (UUIDs)',
      });
    } finally {
      client.close();
    }
    await postMessage(
      run.testApp,
      supervisor,
      ticketId,
      'reply',
      'It should reach your card by Friday.',
    ).expect(201);

    const [, reply] = await waitForMailTo(run.sink, email, 2);
    expect(reply.text).toContain('It should reach your card by Friday.');
    expect(reply.text).not.toContain('Yes: it left us on Monday.');
    const rows = await run.testApp.dataSource.query<ReplyMail[]>(
      `SELECT m.ticket_message_id, status, status_reason,
              extract(epoch FROM sent_at - received_at)::float AS waited
         FROM mail_messages m JOIN ticket_messages t ON t.id = m.ticket_message_id
        WHERE m.ticket_id = $1 AND outbound_kind = 'reply' ORDER BY t.created_at`,
      [ticketId],
    );
    expect(rows.map(({ status, status_reason }) => [status, status_reason])).toEqual([
      ['ignored', 'Seen by the customer in the web chat'],
      ['sent', null],
    ]);
    expect(rows[1].waited).toBeGreaterThanOrEqual(2);
    expect(run.sink.received).toHaveLength(2);
  });
});
