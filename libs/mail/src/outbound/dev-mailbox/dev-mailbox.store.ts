import { Pool } from 'pg';
import { headerOf, SunkMail } from './dev-smtp-sink';

/** Keeps what the dev SMTP sink receives in `dev_mailbox`, for `GET /api/dev/mailbox`. */
export function storeInDevMailbox(pool: Pool): (mail: SunkMail) => Promise<void> {
  return async (mail) => {
    await pool.query(
      `INSERT INTO dev_mailbox (envelope_from, envelope_to, message_id, subject, raw) VALUES ($1, $2, $3, $4, $5)`,
      [
        mail.envelopeFrom,
        mail.envelopeTo,
        headerOf(mail.raw, 'Message-ID'),
        headerOf(mail.raw, 'Subject'),
        mail.raw,
      ],
    );
  };
}
