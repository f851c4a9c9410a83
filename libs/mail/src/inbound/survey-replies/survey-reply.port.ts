import { EntityManager } from 'typeorm';

/**
 * The port through which inbound mail hands a reply to a satisfaction survey to whoever runs
 * surveys (libs/csat provides it; mail never imports csat). Optional: without a provider,
 * survey replies are filed like any other reply.
 */
export const SURVEY_REPLY_HANDLER = Symbol('SURVEY_REPLY_HANDLER');

/** Outbound mail kinds whose replies are answers to a survey. */
export const SURVEY_MAIL_KINDS: readonly string[] = ['csat_survey', 'csat_clarification'];

export interface SurveyReply {
  /** The outbound survey (or clarification) mail the reply threads onto. */
  surveyMailId: string;
  /** The inbound mail row of the reply (recorded with the rating). */
  inboundMailId: string;
  /** The sender's address (lower case). */
  from: string;
  /** The reply's new text only (quoted survey removed). */
  newText: string;
}

export type SurveyReplyOutcome =
  | {
      kind: 'rated';
      ticketId: string;
      rating: number;
      comment?: string;
      recorded: boolean;
      /** The answer also asked a question: attached as a customer message, reopening the ticket. */
      question?: { ticketMessageId: string; reopened: boolean };
    }
  /**
   * No rating in it: attached to the ticket as a customer message. A question reopens the ticket
   * (an agent must answer it) and gets no clarification; anything else keeps the status and gets
   * at most one clarification per survey.
   */
  | {
      kind: 'unparsed';
      ticketId: string;
      ticketMessageId: string;
      clarificationSent: boolean;
      reopened: boolean;
    }
  /**
   * The ticket was reopened after the surveyed solve, so the survey no longer applies: attached to
   * the ticket as a customer message (status unchanged), no rating, no clarification.
   */
  | { kind: 'solve_undone'; ticketId: string; ticketMessageId: string }
  /** Not an answer the survey can take (stranger, expired, closed ticket …): file it as an ordinary reply. */
  | { kind: 'not_a_survey_reply'; reason: string };

export interface SurveyReplyHandler {
  /**
   * Runs inside the transaction that files the inbound mail (which holds the ticket's lock):
   * it must use `manager` and never open a transaction of its own. The mail row commits with
   * the outcome, so a retried message cannot record its rating twice.
   */
  handle(manager: EntityManager, reply: SurveyReply): Promise<SurveyReplyOutcome>;
}
