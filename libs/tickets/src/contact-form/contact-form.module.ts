import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets.module';
import { ContactFormController } from './contact-form.controller';
import { SubmitContactFormUseCase } from './submit-contact-form.usecase';

/**
 * The public contact form. Its own module, for the API only: it needs the throttler storage
 * the API's rate limits register (AuthModule), which the worker does not have.
 */
@Module({
  imports: [TicketsModule],
  controllers: [ContactFormController],
  providers: [SubmitContactFormUseCase],
})
export class ContactFormModule {}
