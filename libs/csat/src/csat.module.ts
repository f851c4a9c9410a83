import { Module } from '@nestjs/common';
import { TicketsModule } from '@ledgerdesk/tickets';
import { CsatController } from './http/csat.controller';
import { RecordCsatRatingUseCase } from './rating/record-csat-rating.usecase';
import { CsatReplyHandler } from './reply/csat-reply.handler';
import { CsatSurveyOutbox } from './surveys/csat-survey.outbox';
import { SendCsatSurveyUseCase } from './surveys/send-csat-survey.usecase';
import { csatTokenSignerProvider } from './tokens/csat-token.provider';

/** CSAT surveys: scheduled from solves, answered by link or by email reply. */
@Module({
  imports: [TicketsModule],
  controllers: [CsatController],
  providers: [
    csatTokenSignerProvider,
    CsatSurveyOutbox,
    SendCsatSurveyUseCase,
    RecordCsatRatingUseCase,
    CsatReplyHandler,
  ],
  exports: [csatTokenSignerProvider, CsatSurveyOutbox, SendCsatSurveyUseCase, CsatReplyHandler],
})
export class CsatModule {}
