import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { queueOutboundMail, replySubject, ticketToken } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { appendTicketEvent } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { CsatTokenSigner } from '../tokens/csat-token';
import { surveyMail } from './survey-mail';

export type SurveyOutcome = 'sent' | 'skipped' | 'already_done' | 'missing';

interface SurveyRow {
  id: string;
  ticket_id: string;
  solved_event_id: string;
  status: string;
  ticket_status: string;
  requester_email: string | null;
  requester_name: string | null;
  subject: string;
  number: string;
  reopened: boolean;
}

/**
 * Runs when a solve has stood CSAT_SURVEY_DELAY_SECONDS: if the ticket is still solved by that
 * solve (not reopened since), queues the survey email and records `csat.sent` (actor system),
 * in one transaction; otherwise marks the survey skipped.
 */
@Injectable()
export class SendCsatSurveyUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tokens: CsatTokenSigner,
  ) {}

  async execute(surveyId: string): Promise<SurveyOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [survey] = await manager.query<SurveyRow[]>(
        `SELECT s.id, s.ticket_id, s.solved_event_id, s.status, t.status AS ticket_status, t.requester_email,
                t.requester_name, t.subject, t.number,
                EXISTS (SELECT 1 FROM ticket_events e
                         WHERE e.ticket_id = s.ticket_id AND e.id > s.solved_event_id AND e.type = 'ticket.reopened') AS reopened
           FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
          WHERE s.id = $1
          FOR UPDATE OF s`,
        [surveyId],
      );
      if (!survey) return 'missing';
      if (survey.status === 'sent' || survey.status === 'skipped') return 'already_done';
      const skip = async (reason: string): Promise<SurveyOutcome> => {
        await manager.query(`UPDATE csat_surveys SET status = 'skipped', status_reason = $2 WHERE id = $1`, [
          surveyId,
          reason,
        ]);
        return 'skipped';
      };
      if (survey.reopened || !['solved', 'closed'].includes(survey.ticket_status)) return skip('reopened');
      if (!survey.requester_email) return skip('no_requester_email');

      const token = ticketToken(this.config.ticketNumberPrefix, survey.number);
      const link = `${this.config.publicUrl}/csat/${this.tokens.sign({ surveyId, ticketId: survey.ticket_id })}`;
      const body = surveyMail({
        requesterName: survey.requester_name,
        ticketToken: token,
        ticketSubject: survey.subject,
        link,
      });
      const mailId = await queueOutboundMail(manager, {
        ticketId: survey.ticket_id,
        kind: 'csat_survey',
        to: survey.requester_email,
        subject: `How did we do? ${replySubject(survey.subject, token)}`,
        bodyText: body.text,
        bodyHtml: body.html,
        csatSurveyId: surveyId,
      });
      const event = await appendTicketEvent(manager, {
        ticketId: survey.ticket_id,
        type: 'csat.sent',
        actor: { kind: 'system' },
        payload: { surveyId, mailId, channel: 'email' },
      });
      await manager.query(
        `UPDATE csat_surveys SET status = 'sent', sent_at = now(), sent_event_id = $2, mail_message_id = $3 WHERE id = $1`,
        [surveyId, event.id, mailId],
      );
      return 'sent';
    });
  }
}
