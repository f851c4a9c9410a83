import { EntityManager } from 'typeorm';
import { MessageHeaders, SenderAuthenticator } from './sender-authenticator';

interface StoredMail {
  id: string;
  raw: Buffer;
  envelope_from: string | null;
  smtp_client_ip: string | null;
  smtp_helo: string | null;
  /** The parsed message's headers; null when it could not be read. */
  headers: MessageHeaders | null;
}

/**
 * Checks the senders of a batch of stored messages at once and records the results in the
 * caller's transaction (the one that files them, so a message and its verdict appear together).
 * Done at filing rather than before the SMTP 250: DNS answers can take seconds, and an MX that
 * waits for them accepts a few dozen messages a second instead of hundreds.
 */
export async function checkSenders(
  manager: EntityManager,
  authenticator: SenderAuthenticator,
  mails: readonly StoredMail[],
): Promise<void> {
  if (!authenticator.enabled || mails.length === 0) return;
  const results = await Promise.all(
    mails.map((mail) =>
      authenticator.check(
        mail.raw,
        mail.envelope_from,
        mail.smtp_client_ip ? { ip: mail.smtp_client_ip, helo: mail.smtp_helo } : undefined,
        mail.headers,
      ),
    ),
  );
  await manager.query(
    `UPDATE mail_messages m SET sender_authentication = c.checks
       FROM unnest($1::uuid[], $2::jsonb[]) AS c(id, checks)
      WHERE m.id = c.id`,
    [mails.map((mail) => mail.id), results.map((result) => JSON.stringify(result))],
  );
}
