import { Processor, WorkerHost } from '@nestjs/bullmq';
import { SendCsatSurveyUseCase, SurveyOutcome } from '@ledgerdesk/csat';
import { QueueName } from '@ledgerdesk/shared';
import { Job } from 'bullmq';
import { SendSurveyJob } from './csat-survey.relay';

/** A solve's survey is due: sends it unless the ticket was reopened meanwhile. */
@Processor(QueueName.CsatSurvey, { concurrency: 2 })
export class CsatSurveyProcessor extends WorkerHost {
  constructor(private readonly surveys: SendCsatSurveyUseCase) {
    super();
  }

  async process(job: Job<SendSurveyJob>): Promise<{ outcome: SurveyOutcome }> {
    return { outcome: await this.surveys.execute(job.data.surveyId) };
  }
}
