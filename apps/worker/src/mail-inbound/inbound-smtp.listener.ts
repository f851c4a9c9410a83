import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SenderRateLimit, StoreInboundMailUseCase } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** An SMTP reply with a code (smtp-server sends `responseCode` as the status). */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The desk's own SMTP listener (INBOUND_SMTP_PORT): accepts mail for the desk, refuses messages
 * over MAIL_MAX_BYTES (552) and senders over their rate limit (450), stores the raw MIME and
 * queues its parse (with the client's address and HELO name, for the SPF check of its filing).
 * Started on boot, closed on shutdown. No AUTH: it is an MX, not a relay.
 */
@Injectable()
export class InboundSmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpListener.name);
  private server?: SMTPServer;

  constructor(
    private readonly config: AppConfig,
    private readonly rateLimit: SenderRateLimit,
    private readonly storeMail: StoreInboundMailUseCase,
  ) {}

  /** The port actually bound (INBOUND_SMTP_PORT=0 picks a free one). */
  get port(): number {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address?.port ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = new SMTPServer({
      name: this.config.deskEmail.split('@')[1],
      banner: 'Ledgerdesk inbound mail',
      size: this.config.mailMaxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // No reverse DNS per connection: it costs a lookup per message and the desk never uses it.
      disableReverseLookup: true,
      onMailFrom: (address, _session, callback) => {
        this.rateLimit.admit(address.address).then(
          (admitted) =>
            callback(admitted ? null : smtpError(450, 'Too many messages from this sender; try again later')),
          (error: Error) => callback(smtpError(451, `Temporary failure: ${error.message}`)),
        );
      },
      onData: (stream, session, callback) => void this.receive(stream, session, callback),
    });
    server.on('error', (error) => this.logger.error(`inbound SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.inboundSmtpPort, this.config.inboundSmtpHost, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`inbound SMTP listening on ${this.config.inboundSmtpHost}:${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): Promise<void> {
    try {
      const raw = await readAll(stream);
      if (stream.sizeExceeded) {
        callback(smtpError(552, `Message exceeds the ${this.config.mailMaxBytes}-byte limit`));
        return;
      }
      const from = session.envelope.mailFrom;
      await this.storeMail.execute({
        source: 'smtp',
        raw,
        envelopeFrom: from ? from.address : null,
        envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
        client: { ip: session.remoteAddress, helo: session.hostNameAppearsAs || null },
      });
      callback(null);
    } catch (error) {
      this.logger.error(`inbound SMTP: could not store a message (${(error as Error).message})`);
      callback(smtpError(451, 'Temporary failure storing the message; try again later'));
    }
  }
}
