import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface SunkMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
  receivedAt: Date;
}

export interface DevSmtpSinkOptions {
  /** Called with every accepted message (e.g. to keep it in the `dev_mailbox` table). */
  store?: (mail: SunkMail) => Promise<void>;
  maxBytes?: number;
}

/**
 * A local SMTP server that accepts everything and keeps it: the outbound relay in development,
 * demos and tests, so no mail ever leaves the machine. `refusing` makes it answer 451 to every
 * message (a relay that is down), to exercise retries.
 */
export class DevSmtpSink {
  readonly received: SunkMail[] = [];
  refusing = false;
  private readonly server: SMTPServer;

  constructor(private readonly options: DevSmtpSinkOptions = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1000,
      size: options.maxBytes ?? 50 * 1024 * 1024,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    this.server.on('error', () => undefined);
  }

  /** Listens (port 0 = a free one) and resolves the port. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (this.refusing) {
        callback(Object.assign(new Error('Relay unavailable (dev sink refusing)'), { responseCode: 451 }));
        return;
      }
      const from = session.envelope.mailFrom;
      const mail: SunkMail = {
        envelopeFrom: from ? from.address : null,
        envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks),
        receivedAt: new Date(),
      };
      this.received.push(mail);
      (this.options.store ? this.options.store(mail) : Promise.resolve()).then(
        () => callback(),
        (error: Error) => callback(Object.assign(error, { responseCode: 451 })),
      );
    });
  }
}

/** The header block of a raw message, unfolded (enough to list a mailbox). */
export function headerOf(raw: Buffer, name: string): string | null {
  const head = raw
    .toString('utf8')
    .split(/\r?\n\r?\n/, 1)[0]
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}
