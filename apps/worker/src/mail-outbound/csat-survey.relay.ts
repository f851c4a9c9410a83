import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { CsatSurveyOutbox } from '@ledgerdesk/csat';
import { AppConfig, QueueName } from '@ledgerdesk/shared';
import { Queue } from 'bullmq';
import { OutboxRelay } from '../outbox/outbox-relay';

const CLAIM_BATCH = 200;

export interface SendSurveyJob {
  surveyId: string;
}

/** Schedules a delayed `csat-survey` job per new solve: due CSAT_SURVEY_DELAY_SECONDS after it. */
@Injectable()
export class CsatSurveyRelay extends OutboxRelay {
  protected readonly logger = new Logger(CsatSurveyRelay.name);

  constructor(
    private readonly outbox: CsatSurveyOutbox,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.CsatSurvey) private readonly queue: Queue<SendSurveyJob>,
  ) {
    super('csat_pending', config.databaseUrl);
  }

  protected async drainOnce(): Promise<void> {
    const delayMs = this.config.csatSurveyDelaySeconds * 1000;
    for (;;) {
      const claims = await this.outbox.claim(CLAIM_BATCH, this.config.csatSurveyDelaySeconds);
      if (claims.length === 0) return;
      try {
        await this.queue.addBulk(
          claims.map((claim) => ({
            name: 'send-survey',
            data: { surveyId: claim.id },
            opts: {
              delay: Math.max(0, Date.parse(claim.solvedAt) + delayMs - Date.now()),
              jobId: `${claim.id}-${Date.parse(claim.scheduledAt)}`,
            },
          })),
        );
      } catch (error) {
        await this.outbox.release(claims);
        throw error;
      }
      if (claims.length < CLAIM_BATCH) return;
    }
  }
}
