import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets.module';
import { WebChatController } from '../web-chat/web-chat.controller';
import { ContactFormController } from './contact-form.controller';
import { SubmitContactFormUseCase } from './submit-contact-form.usecase';

/**
 * The public contact form and the start of a web chat (the same form on the `chat` channel).
 * Its own module, for the API only: it needs the throttler storage the API's rate limits
 * register (AuthModule), which the worker does not have.
 */
@Module({
  imports: [TicketsModule],
  controllers: [ContactFormController, WebChatController],
  providers: [SubmitContactFormUseCase],
})
export class ContactFormModule {}
