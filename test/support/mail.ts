import { SenderAuthentication } from '@ledgerdesk/contracts';
import { INestApplicationContext } from '@nestjs/common';
import { DevSmtpSink, SunkMail } from '@ledgerdesk/mail';
import { ParsedMail, simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { eventually } from './eventually';
import { startWorker, useOwnDatabase } from './kpi';

export { eventually };
import { TestAgent, TestApp } from './test-app';

/**
 * An API, a worker and a local SMTP sink (SMTP_URL points at it) on a database and Redis
 * prefix of their own, so no other test file's worker sends this file's mail.
 */
export interface MailRun {
  testApp: TestApp;
  worker: INestApplicationContext;
  sink: DevSmtpSink;
  stop(): Promise<void>;
}

export async function startMailRun(label: string, env: Record<string, string> = {}): Promise<MailRun> {
  const saved = { ...process.env };
  const restoreDatabase = await useOwnDatabase(label);
  const sink = new DevSmtpSink();
  const port = await sink.listen();
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    INBOUND_SMTP_PORT: '0',
    ...env,
  });
  const testApp = await TestApp.start();
  const worker = await startWorker();
  return {
    testApp,
    worker,
    sink,
    async stop() {
      await worker.close();
      await testApp.close();
      await sink.close();
      await restoreDatabase();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    },
  };
}

/** The parsed messages the sink accepted for `address`. */
export async function mailTo(sink: DevSmtpSink, address: string): Promise<ParsedMail[]> {
  const mine = sink.received.filter((mail: SunkMail) => mail.envelopeTo.includes(address));
  return Promise.all(mine.map((mail) => simpleParser(mail.raw)));
}

export async function waitForMailTo(sink: DevSmtpSink, address: string, count = 1): Promise<ParsedMail[]> {
  await eventually(async () => (await mailTo(sink, address)).length >= count);
  return mailTo(sink, address);
}

/**
 * Answers `original` the way a mail client does, over real SMTP to the worker's inbound listener:
 * `In-Reply-To`/`References` pointing at it, `Re:` subject, and its text quoted below the answer
 * (Gmail style). Resolves the reply's Message-ID (without angle brackets). `threaded: false`
 * leaves out `In-Reply-To`/`References` (clients that drop them: only the subject threads it).
 */
export async function replyByMail(
  run: MailRun,
  original: ParsedMail,
  from: string,
  answer: string,
  options: {
    messageId?: string;
    subject?: string;
    headers?: Record<string, string>;
    threaded?: boolean;
  } = {},
): Promise<string> {
  const references = [original.references ?? []].flat();
  const quoted = (original.text ?? '')
    .trimEnd()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return mailToDesk(run, {
    from,
    to: original.from?.value[0]?.address ?? 'billing@desk.example',
    subject: options.subject ?? `Re: ${original.subject ?? ''}`,
    messageId: options.messageId,
    headers: options.headers,
    ...(options.threaded === false
      ? {}
      : {
          inReplyTo: original.messageId,
          references: [...references, original.messageId ?? ''].filter(Boolean),
        }),
    text: `${answer}\n\nOn Tue, 25 Nov 2025 at 10:00, Billing desk <billing@desk.example> wrote:\n${quoted}\n`,
  });
}

/**
 * Sends a message over real SMTP to the worker's inbound listener, as a customer's mail server
 * does; resolves its Message-ID (without angle brackets).
 */
export async function mailToDesk(
  run: MailRun,
  mail: {
    from: string;
    to?: string;
    subject: string;
    text: string;
    messageId?: string;
    /** An array writes the field once per value, in order. */
    headers?: Record<string, string | string[]>;
    inReplyTo?: string;
    references?: string[];
  },
): Promise<string> {
  const { InboundSmtpListener } = await import('../../apps/worker/src/mail-inbound/inbound-smtp.listener');
  const port = run.worker.get(InboundSmtpListener).port;
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const messageId = mail.messageId ?? `${randomUUID()}@customer.example`;
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to ?? 'billing@desk.example',
      subject: mail.subject,
      headers: mail.headers,
      messageId: `<${messageId}>`,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      text: mail.text,
    });
  } finally {
    transport.close();
  }
  return messageId;
}

/** The inbound mail row of a Message-ID once the worker filed it. */
interface FiledMailRow {
  id: string;
  status: string;
  status_reason: string;
  ticket_id: string | null;
  ticket_message_id: string | null;
}

export async function filedMail(run: MailRun, messageId: string): Promise<FiledMailRow> {
  return eventually(async () => {
    const [row] = await run.testApp.dataSource.query<FiledMailRow[]>(
      `SELECT id, status, status_reason, ticket_id, ticket_message_id FROM mail_messages
        WHERE direction = 'inbound' AND position(convert_to($1, 'UTF8') in raw) > 0
        ORDER BY received_at LIMIT 1`,
      [messageId],
    );
    return row && row.status !== 'received' ? row : undefined;
  });
}

/**
 * The sender checks of a filed message, as the ticket's mail API gives them (the stored row must
 * agree), and its ticket.
 */
export async function filedSenderChecks(
  run: MailRun,
  agent: TestAgent,
  messageId: string,
): Promise<{ ticketId: string; checks: SenderAuthentication | null }> {
  const row = await eventually(async () => {
    const [filed] = await run.testApp.dataSource.query<
      { ticket_id: string; sender_authentication: SenderAuthentication | null }[]
    >(
      `SELECT ticket_id, sender_authentication FROM mail_messages
        WHERE message_id = $1 AND direction = 'inbound' AND status = 'processed'`,
      [messageId],
    );
    return filed;
  });
  const mail = (
    await run.testApp
      .http()
      .get(`/api/tickets/${row.ticket_id}/mail`)
      .set('Authorization', agent.auth)
      .expect(200)
  ).body as { direction: string; senderAuthentication: SenderAuthentication | null }[];
  const inbound = mail.filter((entry) => entry.direction === 'inbound');
  expect(inbound.map((entry) => entry.senderAuthentication)).toEqual([row.sender_authentication]);
  return { ticketId: row.ticket_id, checks: row.sender_authentication };
}

/** The messages of a ticket's timeline, as agents read them. */
export async function timelineMessages(
  run: MailRun,
  agent: TestAgent,
  ticketId: string,
): Promise<{ kind: string; sender?: unknown }[]> {
  const timeline = (
    await run.testApp
      .http()
      .get(`/api/tickets/${ticketId}/events`)
      .set('Authorization', agent.auth)
      .expect(200)
  ).body as { message?: { kind: string; sender?: unknown } }[];
  return timeline.flatMap((entry) => (entry.message ? [entry.message] : []));
}
