import { INestApplicationContext } from '@nestjs/common';
import { DevSmtpSink, SunkMail } from '@ledgerdesk/mail';
import { ParsedMail, simpleParser } from 'mailparser';
import { startWorker, useOwnDatabase } from './kpi';
import { TestApp } from './test-app';

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
    REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}-${label}`,
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

/** Polls until `probe` returns something truthy. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
