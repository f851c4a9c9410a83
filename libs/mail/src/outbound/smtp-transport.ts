import { Provider } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import { createTransport, Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

export const SMTP_TRANSPORT = Symbol('SMTP_TRANSPORT');
export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo>;

/** The outbound relay (SMTP_URL). Short timeouts: a stuck relay fails the job, which retries. */
export const smtpTransportProvider: Provider = {
  provide: SMTP_TRANSPORT,
  inject: [AppConfig],
  useFactory: (config: AppConfig): SmtpTransport => {
    const options: SMTPTransport.Options & { url: string } = {
      url: config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    return createTransport(options);
  },
};
