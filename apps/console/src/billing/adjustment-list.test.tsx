import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { BillingPanel } from './billing-panel';
import { testAdjustment, testBilling } from './test-billing';

afterEach(cleanup);

const WAITING = testAdjustment();
const OWN = testAdjustment({ id: 'adj-own', madeBy: 's1', madeByName: 'Sam', amount: 30_000 });
const APPLIED = testAdjustment({
  id: 'adj-2',
  status: 'approved',
  kind: 'refund',
  amount: 1_500,
  invoiceId: null,
  invoiceNumber: null,
  memo: null,
});
const REJECTED = testAdjustment({
  id: 'adj-3',
  ticketId: 't1',
  ticketNumber: 'LD-1001',
  status: 'rejected',
  amount: 99_000,
  decisionNote: 'Fee was valid',
});

const SUPERVISOR: Partial<Me> = { id: 's1', name: 'Sam', role: 'supervisor' };

function renderPanel(me: Partial<Me>, post = vi.fn(() => Promise.resolve({}))) {
  const onChanged = vi.fn();
  render(
    <MemoryRouter>
      <WithSession session={testSession({ post }, me)}>
        <BillingPanel
          ticketId="t1"
          billing={testBilling({ adjustments: [WAITING, OWN, APPLIED, REJECTED] })}
          onChanged={onChanged}
        />
      </WithSession>
    </MemoryRouter>,
  );
  return { post, onChanged };
}

const item = (text: RegExp) => {
  const items = screen.getAllByRole('listitem').filter((li) => text.test(li.textContent ?? ''));
  expect(items).toHaveLength(1);
  return items[0];
};

describe('adjustments on the billing panel', () => {
  it('lists them with state, amount, invoice, reason, maker and the decision’s reason', () => {
    renderPanel({});
    const list = screen.getByRole('heading', { name: 'Adjustments' }).nextElementSibling!;
    expect(within(list as HTMLElement).getAllByRole('listitem')).toHaveLength(4);
    expect(item(/US\$250\.00/).textContent).toContain('Pending approval');
    expect(item(/US\$250\.00/).textContent).toContain('on INV-1990');
    expect(item(/US\$250\.00/).textContent).toContain('Billing error · Grace');
    expect(item(/US\$250\.00/).textContent).toContain('Setup fee charged twice');
    expect(item(/US\$990\.00/).textContent).toContain('Rejected: Fee was valid');
    // Made from another ticket of the account: a link to it; made from this one: none.
    expect(
      within(item(/US\$250\.00/))
        .getByRole('link', { name: 'LD-1007' })
        .getAttribute('href'),
    ).toBe('/tickets/t7');
    expect(within(item(/US\$990\.00/)).queryByRole('link')).toBeNull();
  });

  it('offers an agent no decisions', () => {
    renderPanel({});
    for (const name of [/^Approve/, /^Reject/, /^Reverse/]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });

  it('lets a supervisor decide others’ proposals, never their own, and reverse an applied one', () => {
    renderPanel(SUPERVISOR);
    expect(screen.getAllByRole('button', { name: /^Approve/ }).map((button) => button.textContent)).toEqual([
      'Approve Credit note US$250.00',
    ]);
    expect(screen.getAllByRole('button', { name: /^Reject/ })).toHaveLength(1);
    expect(item(/US\$300\.00/).textContent).toContain('Waits for another supervisor: you proposed it.');
    expect(screen.getAllByRole('button', { name: /^Reverse/ }).map((button) => button.textContent)).toEqual([
      'Reverse Refund US$15.00',
    ]);
  });

  it('approves from the ticket, so the decision lands in its timeline', async () => {
    const { post, onChanged } = renderPanel(SUPERVISOR);
    await userEvent.click(screen.getByRole('button', { name: 'Approve Credit note US$250.00' }));
    const form = screen.getByRole('form', { name: 'Approve the credit note of US$250.00' });
    await userEvent.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(post).toHaveBeenCalledWith('/api/adjustments/adj-1/approve', { note: undefined, ticketId: 't1' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('asks why before rejecting, and sends the reason', async () => {
    const { post } = renderPanel(SUPERVISOR);
    await userEvent.click(screen.getByRole('button', { name: 'Reject Credit note US$250.00' }));
    const form = screen.getByRole('form', { name: 'Reject the credit note of US$250.00' });
    await userEvent.click(within(form).getByRole('button', { name: 'Reject' }));
    expect(post).not.toHaveBeenCalled(); // the browser asks for the required reason
    await userEvent.type(within(form).getByLabelText('Why it is rejected'), '   ');
    await userEvent.click(within(form).getByRole('button', { name: 'Reject' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Say why it is rejected, for whoever proposed it',
    );
    expect(post).not.toHaveBeenCalled();
    await userEvent.type(within(form).getByLabelText('Why it is rejected'), 'Fee was valid ');
    await userEvent.click(within(form).getByRole('button', { name: 'Reject' }));
    expect(post).toHaveBeenCalledWith('/api/adjustments/adj-1/reject', {
      note: 'Fee was valid',
      ticketId: 't1',
    });
  });

  it('reverses an applied adjustment with a reason', async () => {
    const { post } = renderPanel(SUPERVISOR);
    await userEvent.click(screen.getByRole('button', { name: 'Reverse Refund US$15.00' }));
    const form = screen.getByRole('form', { name: 'Reverse the refund of US$15.00' });
    await userEvent.type(within(form).getByLabelText('Why it is reversed'), 'Refunded twice');
    await userEvent.click(within(form).getByRole('button', { name: 'Reverse adjustment' }));
    expect(post).toHaveBeenCalledWith('/api/adjustments/adj-2/reverse', {
      reason: 'Refunded twice',
      ticketId: 't1',
    });
  });
});
