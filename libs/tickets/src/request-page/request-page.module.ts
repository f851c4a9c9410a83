import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets.module';
import { RequestConversationQuery } from './request-conversation.query';
import { RequestPageController } from './request-page.controller';

/**
 * The customer's request page. For the API only, like the contact form: it needs the throttler
 * storage the API's rate limits register.
 */
@Module({
  imports: [TicketsModule],
  controllers: [RequestPageController],
  providers: [RequestConversationQuery],
})
export class RequestPageModule {}
