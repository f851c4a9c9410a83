import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { StoreInboundMailUseCase } from '@ledgerdesk/mail';
import { AppConfig, QueueName } from '@ledgerdesk/shared';
import { Queue } from 'bullmq';
import { ImapFlow } from 'imapflow';

/** `imaps://user:password@host:993/INBOX` → ImapFlow options and the mailbox to read. */
export function imapOptions(url: string): {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string };
  mailbox: string;
} {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/**
 * When IMAP_URL is set, a repeatable job reads the mailbox's unseen messages, stores each raw
 * MIME like the SMTP listener does, then flags it \Seen (a crash in between re-reads it; the
 * Message-ID duplicate check drops the second copy).
 */
@Processor(QueueName.MailImapPoll)
export class ImapPollProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImapPollProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly storeMail: StoreInboundMailUseCase,
    @InjectQueue(QueueName.MailImapPoll) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.imapUrl) {
      await this.queue.removeJobScheduler('poll-imap');
      return;
    }
    await this.queue.upsertJobScheduler(
      'poll-imap',
      { every: this.config.imapPollSeconds * 1000 },
      { name: 'poll-imap', opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
  }

  async process(): Promise<{ stored: number }> {
    if (!this.config.imapUrl) return { stored: 0 };
    const { mailbox, ...options } = imapOptions(this.config.imapUrl);
    const client = new ImapFlow({ ...options, logger: false });
    await client.connect();
    let stored = 0;
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const unseen = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of unseen) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          await this.storeMail.execute({
            source: 'imap',
            raw: message.source,
            envelopeFrom: null,
            envelopeTo: [this.config.deskEmail],
          });
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          stored += 1;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    if (stored > 0) this.logger.log(`IMAP: stored ${stored} message(s)`);
    return { stored };
  }
}
