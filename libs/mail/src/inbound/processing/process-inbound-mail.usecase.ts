import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import {
  CUSTOMER_ACCOUNT_RESOLVER,
  CustomerAccountResolver,
  CustomerTicketCommand,
  inboundTeamId as findInboundTeam,
  MessageBody,
  OpenCustomerTicketUseCase,
} from '@ledgerdesk/tickets';
import { ParsedMail, simpleParser } from 'mailparser';
import { DataSource, EntityManager } from 'typeorm';
import { NewTicketAcknowledgements } from '../../outbound/acknowledgements/new-ticket-acknowledgements';
import { checkSenders } from '../authentication/check-senders';
import { SenderAuthenticator } from '../authentication/sender-authenticator';
import { automaticMailReason } from '../classify/automatic-mail';
import {
  SURVEY_MAIL_KINDS,
  SURVEY_REPLY_HANDLER,
  SurveyReplyHandler,
} from '../survey-replies/survey-reply.port';
import { customerBody } from './customer-body';
import { deliveryFailureOf, recordDeliveryFailures } from './delivery-failures';
import { withUtf8Headers } from './raw-headers';
import { FiledMail, recordFiledMail, storeAttachments } from './inbound-mail-writes';
import { InboundThreads, Thread, ThreadTicket } from './inbound-threads';
import { InboundMailFacts, mailFacts, withoutReplyPrefixes } from './parsed-mail';

/** After this many failed attempts a message is marked `failed` (its raw MIME stays). */
export const MAX_PROCESS_ATTEMPTS = 5;
/** Messages one transaction files. */
export const INBOUND_BATCH_SIZE = 100;
/** Advisory-lock class of the lanes (`pg_try_advisory_xact_lock(class, lane)`): "mail". */
const LANE_LOCK_CLASS = 0x6d61696c;

interface ClaimedMail {
  id: string;
  raw: Buffer;
  envelope_from: string | null;
  smtp_client_ip: string | null;
  smtp_helo: string | null;
  attempts: number;
}

type Batch = ReturnType<OpenCustomerTicketUseCase['batch']>;

interface Delivered {
  ticket: ThreadTicket;
  ticketMessageId: string | null;
  reason: string;
  /** Whether the message opened this ticket (then the customer is sent an acknowledgement). */
  opened: boolean;
}

const retryDelaySeconds = (attempts: number): number => Math.min(300, 2 ** attempts);

/**
 * Files stored inbound mail, a lane at a time (see `INBOUND_LANES`): claims the lane's next
 * messages in arrival order, parses them, and files each — ignored (automatic mail, duplicates,
 * the desk's own), an answer to a satisfaction survey (handed to the survey port), appended to
 * the ticket it replies to (reopening it when solved within the window), or a new ticket (first
 * contact, a follow-up of a closed ticket, or a reply held by the thread-hijack guard; each
 * new ticket's customer is sent an acknowledgement with its number). The
 * whole batch commits in one transaction with set-based writes; if it fails, its messages are
 * retried one by one so a single bad message only delays itself (with backoff, then `failed`).
 */
@Injectable()
export class ProcessInboundMailUseCase {
  private readonly logger = new Logger(ProcessInboundMailUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly openTicket: OpenCustomerTicketUseCase,
    private readonly acknowledgements: NewTicketAcknowledgements,
    private readonly senders: SenderAuthenticator,
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
    @Optional() @Inject(SURVEY_REPLY_HANDLER) private readonly surveys?: SurveyReplyHandler,
  ) {}

  /** Lanes holding messages ready to be filed: how many, and how long the oldest has waited. */
  async lanesWithWork(): Promise<{ lane: number; waiting: number; waitedMs: number }[]> {
    return this.dataSource.query(
      `SELECT lane, count(*)::int AS waiting,
              (extract(epoch FROM clock_timestamp() - min(received_at)) * 1000)::int AS "waitedMs"
         FROM mail_messages
        WHERE direction = 'inbound' AND status = 'received' AND (retry_at IS NULL OR retry_at <= now())
        GROUP BY lane`,
    );
  }

  /**
   * Files the next messages of a lane; resolves how many it took (0 when the lane is empty or
   * another worker holds it).
   */
  async processLane(lane: number, limit = INBOUND_BATCH_SIZE): Promise<number> {
    const claimed: string[] = [];
    try {
      return await this.dataSource.transaction((manager) => this.fileBatch(manager, lane, limit, claimed));
    } catch (error) {
      const reason = (error as Error).message;
      if (claimed.length === 0) throw error;
      if (claimed.length === 1) {
        await this.recordFailure(claimed[0], reason);
        return 1;
      }
      this.logger.warn(`lane ${lane}: a batch of ${claimed.length} failed (${reason}); filing one by one`);
      let done = 0;
      for (let index = 0; index < claimed.length; index += 1) done += await this.processLane(lane, 1);
      return done;
    }
  }

  private async fileBatch(
    manager: EntityManager,
    lane: number,
    limit: number,
    claimed: string[],
  ): Promise<number> {
    const [{ locked }] = await manager.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock($1, $2) AS locked`,
      [LANE_LOCK_CLASS, lane],
    );
    if (!locked) return 0;
    const mails = await manager.query<ClaimedMail[]>(
      `SELECT id, raw, envelope_from, smtp_client_ip, smtp_helo, attempts FROM mail_messages
        WHERE direction = 'inbound' AND status = 'received' AND lane = $1 AND (retry_at IS NULL OR retry_at <= now())
        ORDER BY seq LIMIT $2 FOR UPDATE`,
      [lane, limit],
    );
    claimed.push(...mails.map((mail) => mail.id));
    if (mails.length === 0) return 0;
    const parsed = await Promise.all(
      mails.map((mail) =>
        simpleParser(withUtf8Headers(mail.raw), {
          skipImageLinks: true,
          skipTextLinks: true,
          skipHtmlToText: true,
        }).then(
          (message) => ({ mail, message }),
          (error: Error) => ({ mail, error }),
        ),
      ),
    );
    await checkSenders(
      manager,
      this.senders,
      parsed.map((entry) => ({
        ...entry.mail,
        headers:
          'message' in entry
            ? {
                headerLines: entry.message.headerLines,
                fromAddress: entry.message.from?.value[0]?.address ?? null,
              }
            : null,
      })),
    );
    const readable = parsed.flatMap((entry) =>
      'message' in entry ? [{ id: entry.mail.id, facts: mailFacts(entry.message) }] : [],
    );
    const factsOf = new Map(readable.map(({ id, facts }) => [id, facts]));
    const threads = await InboundThreads.load(manager, readable, this.config.ticketNumberPrefix);
    const batch = this.openTicket.batch({ reopenWindowDays: this.config.reopenWindowDays });
    await batch.lock(manager, threads.ticketIds());
    const inboundTeamId = await findInboundTeam(manager, this.config.inboundTeam);
    const filed: FiledMail[] = [];
    for (const entry of parsed) {
      filed.push(
        'message' in entry
          ? await this.fileOne(
              manager,
              batch,
              threads,
              entry.mail,
              entry.message,
              factsOf.get(entry.mail.id)!,
              inboundTeamId,
            )
          : this.unreadable(entry.mail, entry.error),
      );
    }
    await batch.flush(manager);
    await recordFiledMail(manager, filed);
    await this.acknowledgements.queue(
      manager,
      filed.flatMap((mail) => (mail.openedTicket && mail.ticketId ? [mail.ticketId] : [])),
    );
    await recordDeliveryFailures(
      manager,
      filed.flatMap((mail) =>
        mail.deliveryFailure ? [{ mailId: mail.id, failure: mail.deliveryFailure }] : [],
      ),
    );
    await storeAttachments(manager, filed);
    return mails.length;
  }

  private async fileOne(
    manager: EntityManager,
    batch: Batch,
    threads: InboundThreads,
    mail: ClaimedMail,
    parsed: ParsedMail,
    facts: InboundMailFacts,
    inboundTeamId: string | null,
  ): Promise<FiledMail> {
    const duplicate = facts.messageId ? threads.duplicateOf(facts.messageId) : undefined;
    if (facts.messageId && !duplicate) threads.remember(facts.messageId, mail.id);
    const ignoredBecause =
      (duplicate && `duplicate of mail ${duplicate}`) ||
      (!facts.from && 'no sender address') ||
      (facts.from === this.config.deskEmail && 'sent by the desk itself (loop)') ||
      automaticMailReason({ ...facts, envelopeFrom: mail.envelope_from });
    if (ignoredBecause) {
      this.logger.log(`mail ${mail.id} ignored: ${ignoredBecause}`);
      return {
        id: mail.id,
        status: 'ignored',
        reason: ignoredBecause,
        facts,
        keepsMessageId: !duplicate,
        deliveryFailure: duplicate ? undefined : deliveryFailureOf(parsed, facts, mail.envelope_from),
      };
    }
    const thread = threads.threadOf(facts);
    const body = customerBody(parsed, { reply: thread !== undefined });
    const delivered = await this.deliver(
      manager,
      batch,
      thread,
      mail.id,
      this.customerOf(facts),
      facts,
      body,
      inboundTeamId,
    );
    if (facts.messageId) threads.remember(facts.messageId, mail.id, delivered.ticket);
    return {
      id: mail.id,
      status: 'processed',
      reason: delivered.reason,
      ticketId: delivered.ticket.id,
      ticketMessageId: delivered.ticketMessageId,
      openedTicket: delivered.opened,
      facts,
      attachments: parsed.attachments,
    };
  }

  private async deliver(
    manager: EntityManager,
    batch: Batch,
    thread: Thread | undefined,
    mailId: string,
    customer: { email: string; name: string | null },
    facts: InboundMailFacts,
    body: MessageBody,
    inboundTeamId: string | null,
  ): Promise<Delivered> {
    const sender = customer.email;
    const open = async (extra: Partial<CustomerTicketCommand>, reason: string): Promise<Delivered> => {
      // A follow-up or a held reply goes to the team of the ticket it refers to: they know it.
      const teamId = thread ? (thread.ticket.teamId ?? inboundTeamId) : inboundTeamId;
      const opened = await batch.open(manager, {
        channel: 'email',
        subject: withoutReplyPrefixes(facts.subject) || '(no subject)',
        body,
        requester: { email: sender, name: customer.name },
        teamId,
        ...extra,
      });
      const ticket = {
        id: opened.ticketId,
        number: undefined,
        requesterEmail: sender,
        accountId: null,
        teamId,
      };
      return { ticket, ticketMessageId: opened.messageId, reason, opened: true };
    };
    if (!thread) return open({}, 'new ticket');
    const { ticket, mail } = thread;

    if (mail && this.surveys && SURVEY_MAIL_KINDS.includes(mail.outboundKind ?? '')) {
      // The survey side writes directly: everything decided before it goes first.
      await batch.flush(manager);
      const outcome = await this.surveys.handle(manager, {
        surveyMailId: mail.mailId,
        inboundMailId: mailId,
        from: sender,
        newText: body.text,
      });
      if (outcome.kind === 'rated') {
        const unchanged = outcome.recorded ? '' : ' (unchanged)';
        const question = outcome.question
          ? `; a question: attached${outcome.question.reopened ? ', reopened the ticket' : ''}`
          : '';
        return {
          ticket,
          ticketMessageId: outcome.question?.ticketMessageId ?? null,
          reason: `survey answer: rating ${outcome.rating}${unchanged}${question}`,
          opened: false,
        };
      }
      if (outcome.kind === 'unparsed') {
        const what = outcome.reopened
          ? 'a question without a rating: attached, reopened the ticket'
          : 'without a rating: attached';
        const clarified = outcome.clarificationSent ? '; clarification sent' : '';
        return {
          ticket,
          ticketMessageId: outcome.ticketMessageId,
          reason: `survey answer ${what}${clarified}`,
          opened: false,
        };
      }
      if (outcome.kind === 'solve_undone') {
        return {
          ticket,
          ticketMessageId: outcome.ticketMessageId,
          reason: 'survey answer after the ticket was reopened: attached, not rated',
          opened: false,
        };
      }
    }

    const ref = { id: ticket.id, number: await this.numberOf(manager, batch, ticket) };
    if (!(await this.mayWriteOn(manager, ticket, sender))) {
      return open(
        { heldFrom: { ...ref, reason: 'sender is not the requester' }, tags: ['unverified-reply'] },
        `held: claims ticket ${ref.number} but the sender is not its requester`,
      );
    }
    const result = batch.append(ticket.id, body, { reason: 'customer_email' });
    if (result.kind === 'follow_up_required') {
      return open({ followUpOf: ref }, `follow-up of ticket ${ref.number} (${result.status})`);
    }
    return {
      ticket,
      ticketMessageId: result.messageId,
      reason: result.reopened ? 'reply; reopened the ticket' : 'reply',
      opened: false,
    };
  }

  /** A ticket opened earlier in this batch has its number once written. */
  private async numberOf(manager: EntityManager, batch: Batch, ticket: ThreadTicket): Promise<string> {
    if (ticket.number === undefined) {
      await batch.flush(manager);
      ticket.number = batch.numberOf(ticket.id);
    }
    return ticket.number ?? '?';
  }

  /** The thread-hijack guard: the requester, or a verified contact of the ticket's account. */
  /** The person to answer: Reply-To when the message names one (not the desk), else From. */
  private customerOf(facts: InboundMailFacts): { email: string; name: string | null } {
    if (facts.replyTo && facts.replyTo !== this.config.deskEmail) {
      return {
        email: facts.replyTo,
        name: facts.replyToName ?? (facts.replyTo === facts.from ? facts.fromName : null),
      };
    }
    return { email: facts.from!, name: facts.fromName };
  }

  private async mayWriteOn(manager: EntityManager, ticket: ThreadTicket, sender: string): Promise<boolean> {
    if (ticket.requesterEmail && ticket.requesterEmail.toLowerCase() === sender) return true;
    if (!ticket.accountId || !this.accounts) return false;
    return (await this.accounts.byContact(manager, { email: sender })) === ticket.accountId;
  }

  private unreadable(mail: ClaimedMail, error: Error): FiledMail {
    const reason = `unparseable: ${error.message}`;
    if (mail.attempts + 1 >= MAX_PROCESS_ATTEMPTS) {
      this.logger.warn(`mail ${mail.id} failed: ${reason}`);
      return { id: mail.id, status: 'failed', reason };
    }
    return { id: mail.id, status: 'received', reason, retrySeconds: retryDelaySeconds(mail.attempts + 1) };
  }

  /** A message that failed on its own: counted, retried after a backoff, `failed` at the limit. */
  private async recordFailure(id: string, reason: string): Promise<void> {
    this.logger.warn(`mail ${id}: attempt failed: ${reason}`);
    await this.dataSource.query(
      `UPDATE mail_messages
          SET attempts = attempts + 1, status_reason = $2,
              status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END,
              processed_at = CASE WHEN attempts + 1 >= $3 THEN now() END,
              retry_at = now() + make_interval(secs => least(300, power(2, attempts + 1)))
        WHERE id = $1 AND status = 'received'`,
      [id, reason.slice(0, 1000), MAX_PROCESS_ATTEMPTS],
    );
  }
}
