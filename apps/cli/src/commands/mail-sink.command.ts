import { DevSmtpSink, storeInDevMailbox } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { Command } from 'commander';
import { Pool } from 'pg';

/** `mail-sink`: the development SMTP relay; keeps every message in `dev_mailbox`, sends nothing on. */
export function registerMailSinkCommand(program: Command): void {
  program
    .command('mail-sink')
    .description(
      'Run a local SMTP server that accepts and keeps all mail (for development and demos; point SMTP_URL at it). ' +
        'Messages are listed by GET /api/dev/mailbox.',
    )
    .option('--port <port>', 'port to listen on', '1025')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (options: { port: string; host: string }) => {
      const config = AppConfig.fromEnvironment();
      if (config.isProduction)
        throw new Error('mail-sink is for development: refusing to run with NODE_ENV=production');
      const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
      const sink = new DevSmtpSink({ store: storeInDevMailbox(pool) });
      const port = await sink.listen(Number(options.port), options.host);
      console.log(`dev mail sink listening on smtp://${options.host}:${port}`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sink.close();
      await pool.end();
    });
}
