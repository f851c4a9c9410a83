import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyConsoleStyles } from '../shared/test-styles';
import { testSession, WithSession } from '../shared/test-session';
import { BillingPanel } from './billing-panel';
import { testBilling } from './test-billing';

beforeAll(applyConsoleStyles);
afterEach(cleanup);

const BILLING = testBilling({
  balance: -100_000_003_750,
  overdue: 0,
  unappliedCredit: 100_000_003_750,
  refundableCredit: 100_000_003_750,
  aging: { current: 2500, '1-30': 15_000, '31-60': 0, '61-90': 0, '90+': 123_456_789 },
  recentPayments: [
    {
      id: 'pay-1',
      amount: 100_000_000_000,
      currency: 'USD',
      method: 'card',
      reference: 'CARD-5541',
      receivedAt: '2026-09-16T12:00:00Z',
      allocated: 0,
      unallocated: 100_000_000_000,
      reversedAt: null,
    },
  ],
});

function renderPanel() {
  render(
    <WithSession session={testSession({})}>
      <BillingPanel ticketId="t1" billing={BILLING} onChanged={() => undefined} />
    </WithSession>,
  );
}

const style = (element: Element) => getComputedStyle(element);

describe('<BillingPanel> with large amounts', () => {
  it('never breaks an amount, not even after the minus sign, and aligns its digits', () => {
    renderPanel();
    expect(screen.getByTestId('balance').textContent).toBe('-US$1,000,000,037.50');
    const amounts = screen.getAllByText(/US\$/);
    expect(amounts).toHaveLength(11);
    for (const amount of amounts) {
      expect(style(amount).whiteSpace).toBe('nowrap');
      expect(style(amount).getPropertyValue('font-variant-numeric')).toBe('tabular-nums');
    }
  });

  it('moves a figure that does not fit to a line of its own instead of cutting it off', () => {
    renderPanel();
    const figures = screen.getByTestId('balance').closest('dl')!;
    expect(style(figures).display).toBe('flex');
    expect(style(figures).getPropertyValue('flex-wrap')).toBe('wrap');
    for (const table of screen.getAllByRole('table')) {
      expect(style(table.parentElement!).overflowX).toBe('auto');
    }
  });

  it('says how much of the credit may be refunded when part of it is reserved for invoices not issued yet', () => {
    render(
      <WithSession session={testSession({})}>
        <BillingPanel
          ticketId="t1"
          billing={testBilling({ balance: -5000, unappliedCredit: 5000, refundableCredit: 2000 })}
          onChanged={() => undefined}
        />
      </WithSession>,
    );
    expect(screen.getByTestId('refundable').textContent).toBe('US$20.00 refundable');
  });

  it('shows due dates as people read them, not as YYYY-MM-DD', () => {
    renderPanel();
    const invoices = screen.getByRole('table', { name: 'Recent invoices' });
    expect(within(invoices).getByRole('cell', { name: '26 Oct 2026' })).toBeTruthy();
    expect(within(invoices).queryByText(/\d{4}-\d{2}-\d{2}/)).toBeNull();
  });

  it('keeps invoice numbers and due dates on one line', () => {
    renderPanel();
    const invoices = screen.getByRole('table', { name: 'Recent invoices' });
    expect(style(within(invoices).getByRole('cell', { name: 'INV-1990' })).whiteSpace).toBe('nowrap');
    expect(style(within(invoices).getByRole('cell', { name: '26 Oct 2026' })).whiteSpace).toBe('nowrap');
  });
});

describe('<BillingPanel> after proposing an adjustment', () => {
  function proposeWith(status: string) {
    const post = vi.fn(() => Promise.resolve({ id: 'adj-1', status }));
    render(
      <WithSession session={testSession({ post })}>
        <BillingPanel ticketId="t1" billing={testBilling()} onChanged={() => undefined} />
      </WithSession>,
    );
    return post;
  }

  async function propose() {
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
  }

  it('says when it waits for another supervisor, since the balance does not move yet', async () => {
    const post = proposeWith('pending_approval');
    await propose();
    expect(post).toHaveBeenCalledTimes(1);
    expect((await screen.findByRole('status')).textContent).toBe(
      "The credit note of US$5,000.00 waits for another supervisor's approval; the balance changes once it is approved.",
    );
  });

  it('says nothing more when it applied at once', async () => {
    const post = proposeWith('approved');
    await propose();
    await vi.waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    await screen.findByRole('button', { name: 'Record payment' });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
