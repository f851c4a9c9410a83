import { EntityManager } from 'typeorm';
import { ticketNumberInSubject } from '../threading/ticket-token';
import { InboundMailFacts } from './parsed-mail';

export interface ThreadTicket {
  id: string;
  /** Unknown until written for a ticket opened earlier in the same batch. */
  number: string | undefined;
  requesterEmail: string | null;
  accountId: string | null;
}

/** A message the desk sent or received, as a reply can point at it. */
export interface KnownMail {
  mailId: string;
  outboundKind: string | null;
  ticket: ThreadTicket;
}

export interface Thread {
  ticket: ThreadTicket;
  /** The message the reply's headers point at (absent when threaded by subject token). */
  mail?: KnownMail;
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
}

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
                    t.customer_account_id
               FROM mail_messages m LEFT JOIN tickets t ON t.id = m.ticket_id
              WHERE m.message_id = ANY($1::text[]) AND m.id <> ALL($2::uuid[])`,
            [messageIds, batchIds],
          ),
      numbers.length === 0
        ? []
        : manager.query<KnownRow[]>(
            `SELECT id AS ticket_id, number, requester_email, customer_account_id FROM tickets WHERE number = ANY($1::bigint[])`,
            [numbers],
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
    return new InboundThreads(delivered, known, byNumber, prefix);
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
   * References the desk knows, else the ticket token in its subject.
   */
  threadOf(facts: InboundMailFacts): Thread | undefined {
    for (const id of [...facts.inReplyTo, ...[...facts.references].reverse()]) {
      const mail = this.known.get(id);
      if (mail) return { ticket: mail.ticket, mail };
    }
    const number = ticketNumberInSubject(facts.subject, this.prefix);
    const ticket = number === undefined ? undefined : this.byNumber.get(number);
    return ticket ? { ticket } : undefined;
  }
}

function ticketOf(row: KnownRow): ThreadTicket {
  return {
    id: row.ticket_id!,
    number: row.number === null ? undefined : String(row.number),
    requesterEmail: row.requester_email,
    accountId: row.customer_account_id,
  };
}
