import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

const SWEEP_EVERY_MS = 1000;

/**
 * The relay half of a transactional outbox: drains on the channel's NOTIFY (sent by the
 * outbox trigger on commit) and on a one-second sweep in case a notification was missed.
 * `drainOnce` claims rows and enqueues them, releasing the claim when enqueueing fails.
 */
export abstract class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private listener?: Client;
  private sweep?: NodeJS.Timeout;
  private draining = false;
  private drainAgain = false;
  private stopped = false;

  protected constructor(
    private readonly channel: string,
    private readonly databaseUrl: string,
  ) {}

  protected abstract drainOnce(): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.sweep = setInterval(() => this.drain(), SWEEP_EVERY_MS);
    this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweep);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: `ledgerdesk-${this.channel}-relay`,
    });
    client.on('notification', () => this.drain());
    client.on('error', (error) => {
      this.logger.warn(
        `${this.channel} listener lost its connection (${error.message}); relying on the sweep`,
      );
      this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 2000);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  drain(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    void this.drainOnce()
      .catch((error: Error) => this.logger.error(`${this.channel} relay: ${error.message}`))
      .finally(() => {
        this.draining = false;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.drain();
        }
      });
  }
}
