import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, WithSession } from '../shared/test-session';
import type { SenderAuthentication } from '@ledgerdesk/contracts';
import { MailPanel, SenderCheck, type TicketMail } from './mail-panel';

afterEach(cleanup);

const base = { kind: null, statusReason: null, attempts: 1, subject: 'Invoice', to: [], sentAt: null };
const MAIL: TicketMail[] = [
  {
    ...base,
    id: 'in-1',
    direction: 'inbound',
    status: 'processed',
    createdAt: '2026-11-25T09:00:00Z',
    attachments: [
      { id: 'a-1', filename: 'statement.csv', contentType: 'text/csv', sizeBytes: 2048, inline: false },
      { id: 'a-2', filename: 'logo.png', contentType: 'image/png', sizeBytes: 4, inline: true },
    ],
  },
  {
    ...base,
    id: 'out-1',
    direction: 'outbound',
    kind: 'reply',
    status: 'failed',
    statusReason: '550 mailbox unavailable',
    attempts: 8,
    createdAt: '2026-11-25T09:05:00Z',
    attachments: [],
  },
];

function renderPanel(api: object) {
  render(
    <WithSession session={testSession(api)}>
      <MailPanel ticketId="t1" version="v1" />
    </WithSession>,
  );
}

describe('<MailPanel>', () => {
  it('lists attachments (not inline images), shows why a reply failed and sends it again', async () => {
    const get = vi.fn(() => Promise.resolve(MAIL));
    const post = vi.fn(() => Promise.resolve({ status: 'queued' }));
    renderPanel({ get, post });

    expect(await screen.findByRole('button', { name: 'statement.csv' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'logo.png' })).toBeNull();
    expect(screen.getByText(/550 mailbox unavailable/)).toBeTruthy();
    expect(screen.getByText(/after 8 attempts/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Send again' }));
    expect(post).toHaveBeenCalledWith('/api/tickets/t1/mail/out-1/retry');
    // The list is read again once the retry is answered, not within the click.
    await waitFor(() => expect(get).toHaveBeenCalledTimes(2));
  });

  it('downloads an attachment through the API with the agent’s token', async () => {
    const download = vi.fn(() => Promise.resolve(new Blob(['date,amount'])));
    URL.createObjectURL = vi.fn(() => 'blob:statement');
    URL.revokeObjectURL = vi.fn();
    renderPanel({ get: () => Promise.resolve(MAIL), download });

    await userEvent.click(await screen.findByRole('button', { name: 'statement.csv' }));
    expect(download).toHaveBeenCalledWith('/api/tickets/t1/mail/attachments/a-1', {}, 'text/csv');
  });

  it('says so when the ticket has no email', async () => {
    renderPanel({ get: () => Promise.resolve([]) });
    expect(await screen.findByText('No email on this ticket.')).toBeTruthy();
  });

  it('says who sent each received email by its SPF, DKIM and DMARC results', async () => {
    const checks: SenderAuthentication = {
      verdict: 'fail',
      fromDomain: 'acme.example',
      spf: 'fail',
      dkim: 'none',
      dmarc: 'fail',
      dmarcPolicy: 'reject',
      reason: 'DMARC fail (p=REJECT); SPF fail (…does not designate 203.0.113.9…)',
    };
    renderPanel({ get: () => Promise.resolve([{ ...MAIL[0], senderAuthentication: checks }]) });
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(
      '⚠ Not verified: acme.example says it did not send this (SPF fail, DKIM none, DMARC fail). ' +
        'Confirm by phone before acting on payment or refund instructions.',
    );
    expect(note.getAttribute('title')).toBe(checks.reason);
  });
});

describe('<SenderCheck>', () => {
  const checks = (overrides: Partial<SenderAuthentication>): SenderAuthentication => ({
    verdict: 'none',
    fromDomain: 'acme.example',
    spf: 'none',
    dkim: 'none',
    dmarc: 'none',
    dmarcPolicy: null,
    reason: '',
    ...overrides,
  });
  const text = (value: SenderAuthentication): string | null => {
    const { container } = render(<SenderCheck checks={value} />);
    const line = container.textContent;
    cleanup();
    return line;
  };

  it('tells a vouched-for sender, one that could not be checked and one that publishes nothing apart', () => {
    expect(text(checks({ verdict: 'pass', dkim: 'pass', dmarc: 'pass' }))).toBe(
      '✓ Sent by acme.example (SPF none, DKIM pass, DMARC pass)',
    );
    expect(text(checks({ spf: 'temperror', dmarc: 'temperror' }))).toBe(
      'Sender not checked: the DNS of acme.example did not answer (SPF temperror, DKIM none, DMARC temperror)',
    );
    expect(text(checks({}))).toBe(
      'Sender not verifiable: acme.example publishes nothing to check against (SPF none, DKIM none, DMARC none)',
    );
  });
});
