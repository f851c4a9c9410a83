import { Global, Module } from '@nestjs/common';
import { SURVEY_REPLY_HANDLER } from '@ledgerdesk/mail';
import { TicketsModule } from '@ledgerdesk/tickets';
import { CsatController } from './http/csat.controller';
import { RecordCsatRatingUseCase } from './rating/record-csat-rating.usecase';
import { CsatReplyHandler } from './reply/csat-reply.handler';
import { CsatSurveyOutbox } from './surveys/csat-survey.outbox';
import { SendCsatSurveyUseCase } from './surveys/send-csat-survey.usecase';
import { csatTokenSignerProvider } from './tokens/csat-token.provider';

/**
 * CSAT surveys: scheduled from solves, answered by link or by email reply. Global so the mail
 * lib's inbound pipeline reaches the survey-reply port it declares without importing this module.
 */
@Global()
@Module({
  imports: [TicketsModule],
  controllers: [CsatController],
  providers: [
    csatTokenSignerProvider,
    CsatSurveyOutbox,
    SendCsatSurveyUseCase,
    RecordCsatRatingUseCase,
    CsatReplyHandler,
    { provide: SURVEY_REPLY_HANDLER, useExisting: CsatReplyHandler },
  ],
  exports: [
    csatTokenSignerProvider,
    CsatSurveyOutbox,
    SendCsatSurveyUseCase,
    CsatReplyHandler,
    SURVEY_REPLY_HANDLER,
  ],
})
export class CsatModule {}
