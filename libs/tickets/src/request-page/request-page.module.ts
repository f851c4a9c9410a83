import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets.module';
import { RequestLinksController } from './request-links.controller';
import { RequestPageController } from './request-page.controller';
import { ResetRequestLinksUseCase } from './reset-request-links.usecase';

/**
 * The customer's request page, and the agents' reset of a ticket's links to it. For the API
 * only, like the contact form: it needs the throttler storage the API's rate limits register.
 */
@Module({
  imports: [TicketsModule],
  controllers: [RequestPageController, RequestLinksController],
  providers: [ResetRequestLinksUseCase],
})
export class RequestPageModule {}
