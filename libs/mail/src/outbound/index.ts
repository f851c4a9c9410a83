export { MailOutboundModule } from './mail-outbound.module';
export { OutboundMailOutbox } from './outbound-mail.outbox';
export { stopRepliesSeenInChat } from './chat-replies-seen';
export type { ClaimedMail } from './outbound-mail.outbox';
export { SendOutboundMailUseCase } from './send-outbound-mail.usecase';
export type { SendOutcome } from './send-outbound-mail.usecase';
export { NewTicketAcknowledgements } from './acknowledgements/new-ticket-acknowledgements';
export {
  queueOutboundMail,
  queueOutboundMails,
  replySubject,
  ticketToken,
  deskMessageId,
} from './outbound-mail';
export type { OutboundMailDraft, OutboundMailKind, OutboundMailStatus } from './outbound-mail';
export { DevSmtpSink, headerOf } from './dev-mailbox/dev-smtp-sink';
export type { SunkMail } from './dev-mailbox/dev-smtp-sink';
export { storeInDevMailbox } from './dev-mailbox/dev-mailbox.store';
