import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import { testSession, WithSession } from '../shared/test-session';
import { AdjustmentForm, RecordPaymentForm } from './billing-forms';
import { testBilling } from './test-billing';

afterEach(cleanup);

const BILLING = testBilling();

function renderForm(Form: typeof RecordPaymentForm, post: ReturnType<typeof vi.fn>, billing = BILLING) {
  const onDone = vi.fn();
  render(
    <WithSession session={testSession({ post })}>
      <Form ticketId="t1" billing={billing} onDone={onDone} onCancel={() => undefined} />
    </WithSession>,
  );
  return onDone;
}

const amountRefused = (problem: string) =>
  new ApiError(422, {
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: `amount ${problem}`,
    details: [{ field: 'amount', problems: [problem] }],
  });

async function fillPayment(amount: string) {
  await userEvent.type(screen.getByLabelText('Amount (USD)'), amount);
  await userEvent.type(screen.getByLabelText('Reference'), 'CARD-5541');
}

describe('<RecordPaymentForm>', () => {
  it('asks before recording more than the open balance, and sends only once confirmed', async () => {
    const post = vi.fn(() => Promise.resolve({}));
    const onDone = renderForm(RecordPaymentForm, post);
    await fillPayment('1000000000');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'US$1,000,000,000.00 is more than the open balance of US$1,234.00; the rest becomes unapplied credit. Record it anyway?',
    );
    expect(post).not.toHaveBeenCalled();

    // Enter in a field does not answer the question.
    await userEvent.type(screen.getByLabelText('Reference'), '{Enter}');
    expect(post).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(post).toHaveBeenCalledWith('/api/accounts/acc-1/payments', {
      amount: 100_000_000_000,
      method: 'card',
      reference: 'CARD-5541',
      ticketId: 't1',
    });
    expect(onDone).toHaveBeenCalled();
  });

  it('"Change amount" goes back to the amount field without sending', async () => {
    const post = vi.fn(() => Promise.resolve({}));
    renderForm(RecordPaymentForm, post);
    await fillPayment('5000');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    await userEvent.click(screen.getByRole('button', { name: 'Change amount' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Amount (USD)'));
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    await userEvent.clear(screen.getByLabelText('Amount (USD)'));
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '1234{Enter}');
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith(
      '/api/accounts/acc-1/payments',
      expect.objectContaining({ amount: 123_400 }),
    );
  });

  it('shows the API refusing the amount next to the amount field', async () => {
    const post = vi.fn(() => Promise.reject(amountRefused('must not be greater than 10000000000000')));
    renderForm(RecordPaymentForm, post);
    await fillPayment('100');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    const amount = screen.getByLabelText('Amount (USD)');
    const problem = await screen.findByText('must not be greater than 10000000000000');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(amount.getAttribute('aria-describedby')).toBe(problem.id);
    expect(problem.previousElementSibling).toBe(amount);
  });
});

describe('<AdjustmentForm>', () => {
  it('refuses a credit note larger than the open amount of its invoice before sending', async () => {
    const post = vi.fn(() => Promise.resolve({}));
    renderForm(AdjustmentForm, post);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '1000');
    await userEvent.selectOptions(screen.getByLabelText('On invoice (optional)'), 'INV-1990');
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
    const amount = screen.getByLabelText('Amount (USD)');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(amount.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^More than the US\$150\.00 open on invoice INV-1990/,
    );
    expect(post).not.toHaveBeenCalled();
  });

  it('refuses a refund above what is refundable today before sending, and sends one within it', async () => {
    const post = vi.fn(() => Promise.resolve({ status: 'approved' }));
    renderForm(
      AdjustmentForm,
      post,
      testBilling({ balance: -5000, unappliedCredit: 5000, refundableCredit: 2000 }),
    );
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'refund');
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '20.01');
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
    const amount = screen.getByLabelText('Amount (USD)');
    expect(document.getElementById(amount.getAttribute('aria-describedby')!)?.textContent).toBe(
      'More than the US$20.00 refundable today: the account’s credit balance, less payments reserved for invoices not issued yet.',
    );
    expect(post).not.toHaveBeenCalled();
    await userEvent.clear(amount);
    await userEvent.type(amount, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
    expect(post).toHaveBeenCalledWith(
      '/api/accounts/acc-1/adjustments',
      expect.objectContaining({ kind: 'refund', amount: 2000 }),
    );
  });

  it('shows the API refusing the amount next to the amount field', async () => {
    const post = vi.fn(() => Promise.reject(amountRefused('must not be greater than 10000000000000')));
    renderForm(AdjustmentForm, post);
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'debit_note');
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Propose adjustment' }));
    const problem = await screen.findByText('must not be greater than 10000000000000');
    expect(screen.getByLabelText('Amount (USD)').getAttribute('aria-describedby')).toBe(problem.id);
  });
});
