import { Logger } from '@nestjs/common';
import {
  EntitySubscriberInterface,
  EventSubscriber,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

/**
 * Sends the notifications of the application's transactions after they commit, instead of at
 * commit (migration 1764094200000 tells why: notifying commits are serialised by PostgreSQL).
 * In every transaction opened through TypeORM it sets `ledgerdesk.defer_notify`, so that
 * `ledgerdesk_notify` (what the triggers call) records notifications instead of sending them; it
 * reads them just before COMMIT and sends them right after, in one statement.
 * A rolled-back transaction (or savepoint) takes its notifications with it.
 */
@EventSubscriber()
export class DeferredNotificationsSubscriber implements EntitySubscriberInterface {
  private readonly logger = new Logger(DeferredNotificationsSubscriber.name);
  /** What each connection's open transaction recorded, as of its last read. */
  private readonly recorded = new WeakMap<QueryRunner, string>();

  async afterTransactionStart({ queryRunner }: TransactionStartEvent): Promise<void> {
    await queryRunner.query(`SELECT set_config('ledgerdesk.defer_notify', 'on', true)`);
  }

  /** Runs before every COMMIT and savepoint release: the last read, before COMMIT, has them all. */
  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    const [{ notifications }] = (await queryRunner.query(
      `SELECT current_setting('ledgerdesk.deferred_notifications', true) AS notifications`,
    )) as { notifications: string | null }[];
    if (notifications) this.recorded.set(queryRunner, notifications);
    else this.recorded.delete(queryRunner);
  }

  async afterTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    if (queryRunner.isTransactionActive) return; // a savepoint: the transaction goes on
    const recorded = this.recorded.get(queryRunner);
    this.recorded.delete(queryRunner);
    if (!recorded) return;
    const notifications = recorded
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as [string, string]);
    try {
      // One statement, so one transaction: PostgreSQL delivers repeats of a notification once.
      await queryRunner.query(
        `SELECT pg_notify(channel, payload) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(channel, payload, i)
          ORDER BY i`,
        [notifications.map(([channel]) => channel), notifications.map(([, payload]) => payload)],
      );
    } catch (error) {
      // The transaction is committed; its consumers' sweeps find what it wrote a little later.
      this.logger.warn(`notifications after commit not sent: ${(error as Error).message}`);
    }
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.recorded.delete(queryRunner);
  }
}
