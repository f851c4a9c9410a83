import type { SenderAuthentication } from '@ledgerdesk/contracts';
import { useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import { label } from '../shared/format';
import { saveFile } from '../shared/save-file';
import { ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useResource } from '../shared/use-resource';
import { RequestLinkReset } from './request-link-reset';

export interface MailAttachment {
  id: string;
  filename: string | null;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
}

export interface TicketMail {
  id: string;
  /** Inbound: what SPF, DKIM and DMARC said of its sender (null: not checked). */
  senderAuthentication?: SenderAuthentication | null;
  direction: 'inbound' | 'outbound';
  kind: string | null;
  status: string;
  statusReason: string | null;
  attempts: number;
  subject: string | null;
  to: string[];
  createdAt: string;
  sentAt: string | null;
  attachments: MailAttachment[];
}

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** One line on who sent an inbound email, from its SPF, DKIM and DMARC results. */
export function SenderCheck({ checks }: { checks: SenderAuthentication }) {
  const results = `SPF ${checks.spf}, DKIM ${checks.dkim}, DMARC ${checks.dmarc}`;
  const domain = checks.fromDomain ?? 'the sender’s domain';
  if (checks.verdict === 'pass')
    return (
      <p className="small sender-check sender-pass" title={checks.reason}>
        ✓ Sent by {domain} ({results})
      </p>
    );
  if (checks.verdict === 'fail')
    return (
      <p className="small sender-check sender-fail" role="note" title={checks.reason}>
        ⚠ Not verified: {domain} says it did not send this ({results}). Confirm by phone before acting on
        payment or refund instructions.
      </p>
    );
  const unanswered = [checks.spf, checks.dkim, checks.dmarc].includes('temperror');
  return (
    <p className="small sender-check muted" title={checks.reason}>
      {unanswered
        ? `Sender not checked: the DNS of ${domain} did not answer (${results})`
        : `Sender not verifiable: ${domain} publishes nothing to check against (${results})`}
    </p>
  );
}

/**
 * The ticket's email: what came in (with its attachments, downloaded through the API with the
 * agent's token), what went out and whether it was delivered; a failed email can be sent again.
 * `version` changes when the ticket changed, so a new reply's delivery shows up.
 */
export function MailPanel({ ticketId, version }: { ticketId: string; version: string }) {
  const { api } = useSession();
  const mail = useResource(
    () => api.get<TicketMail[]>(`/api/tickets/${ticketId}/mail`),
    `${ticketId}/${version}`,
  );
  const [problem, setProblem] = useState<string | null>(null);

  async function download(attachment: MailAttachment) {
    setProblem(null);
    try {
      const blob = await api.download(
        `/api/tickets/${ticketId}/mail/attachments/${attachment.id}`,
        {},
        attachment.contentType,
      );
      saveFile(blob, attachment.filename ?? 'attachment');
    } catch (failure) {
      setProblem(`Download failed: ${describeError(failure)}`);
    }
  }

  async function retry(mailId: string) {
    setProblem(null);
    try {
      await api.post(`/api/tickets/${ticketId}/mail/${mailId}/retry`);
      mail.reload();
    } catch (failure) {
      setProblem(`Not queued again: ${describeError(failure)}`);
    }
  }

  return (
    <section className="panel mail-panel" aria-labelledby="mail-title">
      <h2 id="mail-title">Email</h2>
      {mail.error && !mail.data ? (
        <ErrorState error={mail.error} onRetry={mail.reload} />
      ) : !mail.data ? (
        <Loading what="the email" />
      ) : mail.data.length === 0 ? (
        <p className="muted">No email on this ticket.</p>
      ) : (
        <ul className="mail-list">
          {mail.data.map((item) => (
            <li
              key={item.id}
              className={item.status === 'failed' || item.status === 'bounced' ? 'bad' : undefined}
            >
              <strong>{item.direction === 'inbound' ? 'Received' : label(item.kind ?? 'email')}</strong>{' '}
              <Time at={item.sentAt ?? item.createdAt} /> · {label(item.status)}
              {item.direction === 'outbound' && item.attempts > 1 && ` after ${item.attempts} attempts`}
              {item.statusReason && item.status !== 'processed' && (
                <span className="small"> — {item.statusReason}</span>
              )}
              {item.senderAuthentication && <SenderCheck checks={item.senderAuthentication} />}
              {item.status === 'failed' && (
                <button type="button" onClick={() => void retry(item.id)}>
                  Send again
                </button>
              )}
              {item.attachments.filter((attachment) => !attachment.inline).length > 0 && (
                <ul aria-label="Attachments">
                  {item.attachments
                    .filter((attachment) => !attachment.inline)
                    .map((attachment) => (
                      <li key={attachment.id}>
                        <button type="button" className="link" onClick={() => void download(attachment)}>
                          {attachment.filename ?? 'attachment'}
                        </button>{' '}
                        <span className="muted small">({size(attachment.sizeBytes)})</span>
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="form-error small" role="alert">
          {problem}
        </p>
      )}
      <RequestLinkReset ticketId={ticketId} />
    </section>
  );
}
