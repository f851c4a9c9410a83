import { EntityManager } from 'typeorm';
import { ticketNumberInSubject } from '../threading/ticket-token';
import { InboundMailFacts, withoutReplyPrefixes } from './parsed-mail';

export interface ThreadTicket {
  id: string;
  /** Unknown until written for a ticket opened earlier in the same batch. */
  number: string | undefined;
  requesterEmail: string | null;
  accountId: string | null;
  teamId: string | null;
}

/** A message the desk sent or received, as a reply can point at it. */
export interface KnownMail {
  mailId: string;
  outboundKind: string | null;
  ticket: ThreadTicket;
}

export interface Thread {
  ticket: ThreadTicket;
  /**
   * The message the reply's headers point at; when threaded by subject token, the ticket's
   * survey whose subject the reply answers, if any (else absent).
   */
  mail?: KnownMail;
}

/** A survey email the desk sent on a ticket, as a reply without headers can answer it by subject. */
interface SurveyMail {
  mailId: string;
  subject: string;
}

interface KnownRow {
  id: string;
  message_id: string;
  direction: 'inbound' | 'outbound';
  outbound_kind: string | null;
  ticket_id: string | null;
  number: string | null;
  requester_email: string | null;
  customer_account_id: string | null;
  team_id: string | null;
  survey_mails?: SurveyMail[] | null;
}

/**
 * Outbound kind of the survey email. Its subject (`How did we do? Re: <subject> [LD-n]`) is its
 * own; a clarification's is the ticket's ordinary reply subject, so only the survey can be
 * recognised by subject.
 */
const SURVEY_KIND = 'csat_survey';

/** A subject compared without reply prefixes, case or spacing: `Re: AW:  How …` ≈ `how …`. */
const subjectKey = (subject: string): string =>
  withoutReplyPrefixes(subject).replace(/\s+/g, ' ').trim().toLowerCase();

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/**
 * What a batch of inbound messages threads onto, read in two set-based queries: the messages
 * their Message-ID and In-Reply-To/References name (duplicates and threads), and the tickets
 * their subject tokens name. Messages filed earlier in the batch are remembered, so a reply
 * threads onto a ticket its batch opened.
 */
export class InboundThreads {
  private constructor(
    /** Inbound Message-ID → the mail row that already has it. */
    private readonly delivered: Map<string, string>,
    /** Message-ID (either direction) → the mail and its ticket. */
    private readonly known: Map<string, KnownMail>,
    private readonly byNumber: Map<string, ThreadTicket>,
    /** Ticket id → its survey emails, latest first. */
    private readonly surveyMails: Map<string, SurveyMail[]>,
    private readonly prefix: string,
  ) {}

  static async load(
    manager: EntityManager,
    mails: { id: string; facts: InboundMailFacts }[],
    prefix: string,
  ): Promise<InboundThreads> {
    const messageIds = unique(
      mails.flatMap(({ facts }) => [
        ...(facts.messageId ? [facts.messageId] : []),
        ...facts.inReplyTo,
        ...facts.references,
      ]),
    );
    const numbers = unique(
      mails
        .map(({ facts }) => ticketNumberInSubject(facts.subject, prefix))
        .filter((number): number is string => number !== undefined),
    );
    const batchIds = mails.map((mail) => mail.id);
    const [knownRows, numberRows] = await Promise.all([
      messageIds.length === 0
        ? []
        : manager.query<KnownRow[]>(
            `SELECT m.id, m.message_id, m.direction, m.outbound_kind, t.id AS ticket_id, t.number, t.requester_email,
                    t.customer_account_id, t.team_id
               FROM mail_messages m LEFT JOIN tickets t ON t.id = m.ticket_id
              WHERE m.message_id = ANY($1::text[]) AND m.id <> ALL($2::uuid[])`,
            [messageIds, batchIds],
          ),
      numbers.length === 0
        ? []
        : manager.query<KnownRow[]>(
            `SELECT t.id AS ticket_id, t.number, t.requester_email, t.customer_account_id, t.team_id,
                    (SELECT json_agg(json_build_object('mailId', m.id, 'subject', m.subject) ORDER BY m.seq DESC)
                       FROM mail_messages m
                      WHERE m.ticket_id = t.id AND m.direction = 'outbound' AND m.outbound_kind = $2
                        AND m.subject IS NOT NULL) AS survey_mails
               FROM tickets t WHERE t.number = ANY($1::bigint[])`,
            [numbers, SURVEY_KIND],
          ),
    ]);
    const delivered = new Map<string, string>();
    const known = new Map<string, KnownMail>();
    for (const row of knownRows) {
      if (row.direction === 'inbound') delivered.set(row.message_id, row.id);
      if (row.ticket_id) {
        known.set(row.message_id, { mailId: row.id, outboundKind: row.outbound_kind, ticket: ticketOf(row) });
      }
    }
    const byNumber = new Map(numberRows.map((row) => [String(row.number), ticketOf(row)]));
    const surveyMails = new Map(numberRows.map((row) => [row.ticket_id!, row.survey_mails ?? []]));
    return new InboundThreads(delivered, known, byNumber, surveyMails, prefix);
  }

  /** Every ticket a message of the batch may be appended to (to lock them up front). */
  ticketIds(): string[] {
    return unique([
      ...[...this.known.values()].map((mail) => mail.ticket.id),
      ...[...this.byNumber.values()].map((t) => t.id),
    ]);
  }

  /** The mail row that already brought this Message-ID, if any. */
  duplicateOf(messageId: string): string | undefined {
    return this.delivered.get(messageId);
  }

  /** Records a message of the batch as delivered (and, once filed, its ticket). */
  remember(messageId: string, mailId: string, ticket?: ThreadTicket): void {
    this.delivered.set(messageId, mailId);
    if (ticket) this.known.set(messageId, { mailId, outboundKind: null, ticket });
  }

  /**
   * The ticket a reply belongs to: the message its In-Reply-To names, else the latest of its
   * References the desk knows, else the ticket token in its subject — then, when the subject is
   * that of a survey the desk sent on the ticket (`Re: How did we do? …`), that survey email is
   * the thread's mail, so a survey answer whose client dropped the headers is still one.
   */
  threadOf(facts: InboundMailFacts): Thread | undefined {
    for (const id of [...facts.inReplyTo, ...[...facts.references].reverse()]) {
      const mail = this.known.get(id);
      if (mail) return { ticket: mail.ticket, mail };
    }
    const number = ticketNumberInSubject(facts.subject, this.prefix);
    const ticket = number === undefined ? undefined : this.byNumber.get(number);
    if (!ticket) return undefined;
    const key = subjectKey(facts.subject);
    const survey = this.surveyMails.get(ticket.id)?.find((mail) => subjectKey(mail.subject) === key);
    return survey
      ? { ticket, mail: { mailId: survey.mailId, outboundKind: SURVEY_KIND, ticket } }
      : { ticket };
  }
}

function ticketOf(row: KnownRow): ThreadTicket {
  return {
    id: row.ticket_id!,
    number: row.number === null ? undefined : String(row.number),
    requesterEmail: row.requester_email,
    accountId: row.customer_account_id,
    teamId: row.team_id,
  };
}
