import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { queueOutboundMail, replySubject, ticketToken } from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { AddCustomerMessageUseCase, buildMessageBody } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { RecordCsatRatingUseCase } from '../rating/record-csat-rating.usecase';
import { clarificationMail } from '../surveys/survey-mail';
import { CsatTokenSigner } from '../tokens/csat-token';
import { parseCsatReply } from './parse-csat-reply';

export type CsatReplyOutcome =
  | { kind: 'rated'; rating: number; comment?: string; recorded: boolean }
  /** Not a rating: attached to the ticket as a customer message; at most one clarification per survey. */
  | { kind: 'unparsed'; attached: boolean; clarificationSent: boolean }
  /** The ticket has no sent survey, or the sender is not its requester: handle it as an ordinary reply. */
  | { kind: 'not_a_survey_reply'; reason: 'no_survey' | 'sender_mismatch' };

interface SurveyRow {
  id: string;
  ticket_id: string;
  clarification_sent_at: Date | null;
  requester_email: string | null;
  requester_name: string | null;
  subject: string;
  number: string;
}

/**
 * An email reply to a CSAT survey (the inbound pipeline calls this when a reply threads onto a
 * survey's Message-ID, i.e. an outbound `mail_messages` row with `outbound_kind = 'csat_survey'`).
 * `newText` is the reply's new text only (quoted history removed).
 */
@Injectable()
export class CsatReplyHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tokens: CsatTokenSigner,
    private readonly ratings: RecordCsatRatingUseCase,
    private readonly customerMessages: AddCustomerMessageUseCase,
  ) {}

  async handle(ticketId: string, newText: string, fromAddress: string): Promise<CsatReplyOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [survey] = await manager.query<SurveyRow[]>(
        `SELECT s.id, s.ticket_id, s.clarification_sent_at, t.requester_email, t.requester_name, t.subject, t.number
           FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
          WHERE s.ticket_id = $1 AND s.status = 'sent'
          ORDER BY s.sent_at DESC LIMIT 1
          FOR UPDATE OF s`,
        [ticketId],
      );
      if (!survey) return { kind: 'not_a_survey_reply', reason: 'no_survey' };
      if (
        !survey.requester_email ||
        survey.requester_email.toLowerCase() !== fromAddress.trim().toLowerCase()
      ) {
        return { kind: 'not_a_survey_reply', reason: 'sender_mismatch' };
      }

      const parsed = parseCsatReply(newText);
      if (parsed) {
        const outcome = await this.ratings.execute(manager, {
          ticketId,
          surveyId: survey.id,
          rating: parsed.rating,
          comment: parsed.comment,
          via: 'email',
        });
        return { kind: 'rated', ...parsed, recorded: outcome === 'recorded' };
      }

      const appended = await this.customerMessages.execute(
        manager,
        ticketId,
        buildMessageBody(newText, 'text'),
        {
          reopenWindowDays: this.config.reopenWindowDays,
          reason: 'csat_reply',
        },
      );
      if (survey.clarification_sent_at) {
        return { kind: 'unparsed', attached: appended.kind === 'appended', clarificationSent: false };
      }
      const token = ticketToken(this.config.ticketNumberPrefix, survey.number);
      const body = clarificationMail({
        requesterName: survey.requester_name,
        ticketToken: token,
        ticketSubject: survey.subject,
        link: `${this.config.publicUrl}/csat/${this.tokens.sign({ surveyId: survey.id, ticketId })}`,
      });
      await queueOutboundMail(manager, {
        ticketId,
        kind: 'csat_clarification',
        to: survey.requester_email,
        subject: replySubject(survey.subject, token),
        bodyText: body.text,
        bodyHtml: body.html,
        csatSurveyId: survey.id,
      });
      await manager.query(`UPDATE csat_surveys SET clarification_sent_at = now() WHERE id = $1`, [survey.id]);
      return { kind: 'unparsed', attached: appended.kind === 'appended', clarificationSent: true };
    });
  }
}
