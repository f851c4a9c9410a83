export { MailInboundModule } from './inbound/mail-inbound.module';
export { SenderRateLimit } from './inbound/intake/sender-rate-limit';
export { StoreInboundMailUseCase } from './inbound/intake/store-inbound-mail.usecase';
export type { RawInboundMail } from './inbound/intake/store-inbound-mail.usecase';
export { INBOUND_LANES, inboundLane, rawFromAddress } from './inbound/intake/inbound-lane';
export {
  INBOUND_BATCH_SIZE,
  MAX_PROCESS_ATTEMPTS,
  ProcessInboundMailUseCase,
} from './inbound/processing/process-inbound-mail.usecase';
export { SURVEY_MAIL_KINDS, SURVEY_REPLY_HANDLER } from './inbound/survey-replies/survey-reply.port';
export type {
  SurveyReply,
  SurveyReplyHandler,
  SurveyReplyOutcome,
} from './inbound/survey-replies/survey-reply.port';
export { extractReply, splitReply } from './inbound/reply-extraction/extract-reply';
export * from './outbound';
