/**
 * Inbound email throughput: sends generated MIME messages (a mix of new requests, replies by
 * header and by subject token, HTML and attachments) to the worker's real SMTP listener on
 * loopback and measures messages/s from the first SMTP accept to the last ticket message stored.
 * Uses a throwaway database it creates and drops (DATABASE_URL names the server).
 *
 *   npm run bench:mail
 *   npm run bench:mail -- --messages 2000 --connections 16 --keep
 *   npm run bench:mail -- --file-later   # store everything first, then time the filing alone
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const flag = (name: string): boolean => process.argv.includes(name);

const MESSAGES = argument('--messages', 10_000);
const CONNECTIONS = argument('--connections', 16);
const CUSTOMERS = Math.ceil(MESSAGES / 5);

function message(index: number, firstIds: (string | undefined)[]): { from: string; raw: string } {
  const customer = index % CUSTOMERS;
  const from = `customer-${customer}@bench.example`;
  const id = `bench-${index}@bench.example`;
  const first = firstIds[customer];
  const headers = [`From: Customer ${customer} <${from}>`, 'To: billing@desk.example', `Message-ID: <${id}>`];
  let body: string;
  if (first === undefined) {
    firstIds[customer] = id;
    headers.push(`Subject: Question ${customer} about invoice ${index}`);
    body = `Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\nI was charged twice for invoice ${index}.\r\n\r\n-- \r\nCustomer ${customer}`;
  } else if (index % 3 === 0) {
    headers.push(`Subject: Re: Question ${customer}`, `In-Reply-To: <${first}>`, `References: <${first}>`);
    body = `Content-Type: text/html; charset=utf-8\r\n\r\n<p>Any news on this? (${index})</p><blockquote>On Mon, Nov 24, 2025 Billing Desk wrote: old</blockquote>`;
  } else {
    headers.push(`Subject: Re: Question ${customer}`, `In-Reply-To: <${first}>`);
    const boundary = `b${index}`;
    body = [
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `Voil=E0 le justificatif (${index}).`,
      '',
      `Le lun. 24 nov. 2025 =E0 10:12, Billing Desk <billing@desk.example> a =E9crit :`,
      '> Bonjour',
      `--${boundary}`,
      'Content-Type: application/pdf; name="receipt.pdf"',
      'Content-Disposition: attachment; filename="receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      randomBytes(3000).toString('base64'),
      `--${boundary}--`,
    ].join('\r\n');
  }
  return { from, raw: `${headers.join('\r\n')}\r\nMIME-Version: 1.0\r\n${body}\r\n` };
}

async function main(): Promise<void> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `ledgerdesk_bench_mail_${Date.now().toString(36)}`;
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_KEY_PREFIX = `ld-bench-mail-${Date.now().toString(36)}`;
  process.env.INBOUND_SMTP_PORT = '0';
  process.env.LOG_LEVEL = 'silent';
  process.env.MAIL_SENDER_RATE_LIMIT = '100000';
  process.env.DATABASE_POOL_SIZE ??= '40';

  let worker: INestApplicationContext | undefined;
  try {
    const { AppConfig, buildTypeOrmOptions } = await import('@ledgerdesk/shared');
    const migrations = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
    await migrations.runMigrations({ transaction: 'each' });
    await migrations.destroy();

    const { WorkerModule } = await import('../../apps/worker/src/worker.module');
    const { InboundSmtpListener } = await import('../../apps/worker/src/mail-inbound/inbound-smtp.listener');
    const { MailInboundRelay } = await import('../../apps/worker/src/mail-inbound/mail-inbound.relay');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    const db = worker.get(DataSource);
    const smtp: Transporter = createTransport({
      host: '127.0.0.1',
      port: worker.get(InboundSmtpListener).port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: CONNECTIONS,
      maxMessages: Infinity,
    });

    const fileLater = flag('--file-later');
    // Filing paused: the worker's relay stops; a fresh one (same code) starts after the last accept.
    if (fileLater) await worker.get(MailInboundRelay).onApplicationShutdown();
    let laterRelay: InstanceType<typeof MailInboundRelay> | undefined;

    const firstIds: (string | undefined)[] = [];
    const all = Array.from({ length: MESSAGES }, (_, index) => message(index, firstIds));
    // The first message of every customer goes first, so replies find their ticket.
    const started = Date.now();
    let next = 0;
    const send = async (): Promise<void> => {
      while (next < all.length) {
        const { from, raw } = all[next++];
        await smtp.sendMail({ envelope: { from, to: ['billing@desk.example'] }, raw });
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, send));
    const accepted = Date.now();
    if (fileLater) {
      const { ProcessInboundMailUseCase } = await import('@ledgerdesk/mail');
      const { AppConfig } = await import('@ledgerdesk/shared');
      laterRelay = new MailInboundRelay(worker.get(ProcessInboundMailUseCase), worker.get(AppConfig));
      await laterRelay.onApplicationBootstrap();
    }
    for (;;) {
      const [{ waiting, failed }] = await db.query<{ waiting: number; failed: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'received')::int AS waiting,
                count(*) FILTER (WHERE status = 'failed')::int AS failed FROM mail_messages`,
      );
      if (waiting === 0) {
        if (failed > 0) console.log(`${failed} message(s) failed`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const done = Date.now();
    await laterRelay?.onApplicationShutdown();
    const [counts] = await db.query<{ tickets: number; ticketMessages: number; attachments: number }[]>(
      `SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_messages)::int AS "ticketMessages",
              (SELECT count(*) FROM mail_attachments)::int AS attachments`,
    );
    smtp.close();
    console.log(
      JSON.stringify(
        {
          messages: MESSAGES,
          connections: CONNECTIONS,
          acceptSeconds: (accepted - started) / 1000,
          totalSeconds: (done - started) / 1000,
          acceptedPerSecond: Math.round(MESSAGES / ((accepted - started) / 1000)),
          storedPerSecond: Math.round(MESSAGES / ((done - started) / 1000)),
          ...(fileLater ? { filedPerSecond: Math.round(MESSAGES / ((done - accepted) / 1000)) } : {}),
          ...counts,
        },
        null,
        2,
      ),
    );
  } finally {
    await worker?.close();
    if (!flag('--keep')) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
