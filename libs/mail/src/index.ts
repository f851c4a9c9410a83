export { MailInboundModule } from './inbound/mail-inbound.module';
export { SenderRateLimit } from './inbound/intake/sender-rate-limit';
export { StoreInboundMailUseCase } from './inbound/intake/store-inbound-mail.usecase';
export type { InboundMailJob, RawInboundMail } from './inbound/intake/store-inbound-mail.usecase';
export { ProcessInboundMailUseCase } from './inbound/processing/process-inbound-mail.usecase';
export type { InboundMailOutcome } from './inbound/processing/process-inbound-mail.usecase';
export { extractReply, splitReply } from './inbound/reply-extraction/extract-reply';
export * from './outbound';
