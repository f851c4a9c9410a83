import { Injectable } from '@nestjs/common';
import {
  queueOutboundMail,
  replySubject,
  SurveyReply,
  SurveyReplyHandler,
  SurveyReplyOutcome,
  ticketToken,
} from '@ledgerdesk/mail';
import { AppConfig } from '@ledgerdesk/shared';
import { AddCustomerMessageUseCase, buildMessageBody } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';
import { RecordCsatRatingUseCase } from '../rating/record-csat-rating.usecase';
import { clarificationMail } from '../surveys/survey-mail';
import { standingOf, SURVEY_STANDING_COLUMNS, SurveyStandingRow } from '../surveys/survey-standing';
import { CsatTokenSigner } from '../tokens/csat-token';
import { asksQuestion, parseCsatReply } from './parse-csat-reply';

export type CsatReplyOutcome = SurveyReplyOutcome;

interface SurveyRow extends SurveyStandingRow {
  id: string;
  ticket_id: string;
  expired: boolean;
  clarification_sent_at: Date | null;
  requester_email: string | null;
  requester_name: string | null;
  subject: string;
  number: string;
}

/**
 * An email reply to a CSAT survey or to its clarification (the inbound pipeline calls this, as
 * the mail lib's `SURVEY_REPLY_HANDLER`, inside the transaction that files the reply). A rating
 * in the new text is recorded (`csat`, via email, the comment kept); anything else is attached
 * to the ticket as a customer message without reopening it (a survey answer is not a new
 * request), and the customer gets one clarification per survey, never a loop. Replies from
 * anyone but the requester, to a survey whose links expired, or on a closed ticket (closed is
 * final: no rating) are left to the ordinary filing rules. A reply to a survey whose solve was
 * undone since (the ticket reopened) rates nothing — the rating would be credited to a solve that
 * no longer stands; it is attached to the ticket as a customer message, status unchanged, and
 * no clarification is sent (a later solve gets its own survey).
 */
@Injectable()
export class CsatReplyHandler implements SurveyReplyHandler {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: CsatTokenSigner,
    private readonly ratings: RecordCsatRatingUseCase,
    private readonly customerMessages: AddCustomerMessageUseCase,
  ) {}

  async handle(manager: EntityManager, reply: SurveyReply): Promise<SurveyReplyOutcome> {
    const [survey] = await manager.query<SurveyRow[]>(
      `SELECT s.id, s.ticket_id, s.clarification_sent_at, t.requester_email, t.requester_name, t.subject,
              t.number, s.sent_at < now() - make_interval(days => $2::int) AS expired, ${SURVEY_STANDING_COLUMNS}
         FROM mail_messages m
         JOIN csat_surveys s ON s.id = m.csat_survey_id
         JOIN tickets t ON t.id = s.ticket_id
        WHERE m.id = $1
          FOR UPDATE OF s`,
      [reply.surveyMailId, this.config.csatTokenTtlDays],
    );
    if (!survey || survey.status !== 'sent') return { kind: 'not_a_survey_reply', reason: 'no_survey' };
    if (!survey.requester_email || survey.requester_email.toLowerCase() !== reply.from.trim().toLowerCase()) {
      return { kind: 'not_a_survey_reply', reason: 'sender_mismatch' };
    }
    if (survey.expired) return { kind: 'not_a_survey_reply', reason: 'survey_expired' };
    const standing = standingOf(survey);
    if (standing === 'closed') return { kind: 'not_a_survey_reply', reason: 'ticket_closed' };
    if (standing === 'reopened') {
      const attached = await this.attachAnswer(manager, survey.ticket_id, reply.newText);
      if (attached.kind !== 'appended') return { kind: 'not_a_survey_reply', reason: 'ticket_closed' };
      return { kind: 'solve_undone', ticketId: survey.ticket_id, ticketMessageId: attached.messageId };
    }

    const parsed = parseCsatReply(reply.newText);
    if (parsed) {
      const outcome = await this.ratings.execute(manager, {
        ticketId: survey.ticket_id,
        surveyId: survey.id,
        rating: parsed.rating,
        comment: parsed.comment,
        via: 'email',
        mailId: reply.inboundMailId,
      });
      if (outcome !== 'recorded' && outcome !== 'unchanged')
        return { kind: 'not_a_survey_reply', reason: outcome };
      const rated = {
        kind: 'rated' as const,
        ticketId: survey.ticket_id,
        ...parsed,
        recorded: outcome === 'recorded',
      };
      if (!asksQuestion(reply.newText)) return rated;
      // The rating stands (it is about the solve); the question needs an agent.
      const question = await this.attachQuestion(manager, survey.ticket_id, reply.newText);
      return { ...rated, question: { ticketMessageId: question.messageId, reopened: question.reopened } };
    }

    if (asksQuestion(reply.newText)) {
      // A question, not an answer to the survey: an agent answers it, nobody asks for a rating.
      const question = await this.attachQuestion(manager, survey.ticket_id, reply.newText);
      return {
        kind: 'unparsed',
        ticketId: survey.ticket_id,
        ticketMessageId: question.messageId,
        clarificationSent: false,
        reopened: question.reopened,
      };
    }
    const attached = await this.attachAnswer(manager, survey.ticket_id, reply.newText);
    if (attached.kind !== 'appended') return { kind: 'not_a_survey_reply', reason: 'ticket_closed' };
    const unparsed = {
      kind: 'unparsed' as const,
      ticketId: survey.ticket_id,
      ticketMessageId: attached.messageId,
      reopened: false,
    };
    if (survey.clarification_sent_at) return { ...unparsed, clarificationSent: false };

    const token = ticketToken(this.config.ticketNumberPrefix, survey.number);
    const body = clarificationMail({
      requesterName: survey.requester_name,
      ticketToken: token,
      ticketSubject: survey.subject,
      link: `${this.config.publicUrl}/csat/${this.tokens.sign({ surveyId: survey.id, ticketId: survey.ticket_id })}`,
    });
    await queueOutboundMail(manager, {
      ticketId: survey.ticket_id,
      kind: 'csat_clarification',
      to: survey.requester_email,
      subject: replySubject(survey.subject, token),
      bodyText: body.text,
      bodyHtml: body.html,
      csatSurveyId: survey.id,
    });
    await manager.query(`UPDATE csat_surveys SET clarification_sent_at = now() WHERE id = $1`, [survey.id]);
    return { ...unparsed, clarificationSent: true };
  }

  /**
   * Files a question on its ticket as a customer reply: it reopens a solved ticket (within the
   * reopen window, else it is attached without reopening; a closed ticket was refused before).
   */
  private async attachQuestion(
    manager: EntityManager,
    ticketId: string,
    newText: string,
  ): Promise<{ messageId: string; reopened: boolean }> {
    const reopening = await this.customerMessages.execute(
      manager,
      ticketId,
      buildMessageBody(newText, 'text'),
      {
        reopenWindowDays: this.config.reopenWindowDays,
        reason: 'survey_question',
      },
    );
    if (reopening.kind === 'appended')
      return { messageId: reopening.messageId, reopened: reopening.reopened };
    const attached = await this.attachAnswer(manager, ticketId, newText);
    if (attached.kind !== 'appended') throw new Error(`ticket ${ticketId} takes no customer message`);
    return { messageId: attached.messageId, reopened: false };
  }

  /** Files an answer that is not a rating on its ticket, for an agent, without reopening it. */
  private attachAnswer(manager: EntityManager, ticketId: string, newText: string) {
    return this.customerMessages.execute(
      manager,
      ticketId,
      buildMessageBody(newText || '(no text)', 'text'),
      {
        reopenWindowDays: this.config.reopenWindowDays,
        keepStatus: true,
      },
    );
  }
}
