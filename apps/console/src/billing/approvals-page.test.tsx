import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdjustmentSummary } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { ApprovalsPage } from './approvals-page';
import { testAdjustment } from './test-billing';

afterEach(cleanup);

function renderPage(answers: AdjustmentSummary[][], post = vi.fn(() => Promise.resolve({}))) {
  const get = vi.fn(() => Promise.resolve(answers.shift() ?? []));
  render(
    <MemoryRouter>
      <WithSession session={testSession({ get, post }, { id: 's1', role: 'supervisor' })}>
        <ApprovalsPage />
      </WithSession>
    </MemoryRouter>,
  );
  return { get, post };
}

describe('<ApprovalsPage>', () => {
  it('lists what waits for approval across accounts and takes a decision without a ticket', async () => {
    const other = testAdjustment({
      id: 'adj-9',
      accountName: 'Northwind',
      accountNumber: 'NW-1',
      kind: 'refund',
      amount: 42_000,
    });
    const { get, post } = renderPage([[testAdjustment(), other], [other]]);
    expect(await screen.findByText('2 adjustments waiting, oldest first.')).toBeTruthy();
    expect(get).toHaveBeenCalledWith('/api/adjustments', { status: 'pending_approval' });
    expect(screen.getAllByRole('listitem')[1].textContent).toContain('Northwind (NW-1)');
    expect(screen.getAllByRole('link', { name: 'LD-1007' })).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Approve Credit note US$250.00' }));
    const form = screen.getByRole('form', { name: 'Approve the credit note of US$250.00' });
    await userEvent.type(within(form).getByLabelText('Note (optional)'), 'Checked the invoice');
    await userEvent.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(post).toHaveBeenCalledWith('/api/adjustments/adj-1/approve', {
      note: 'Checked the invoice',
      ticketId: undefined,
    });
    expect((await screen.findByRole('status')).textContent).toBe('Approved for Adventure Works.');
    expect(await screen.findByText('1 adjustment waiting, oldest first.')).toBeTruthy();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('says when nothing waits', async () => {
    renderPage([[]]);
    expect(await screen.findByText('Nothing waits for approval.')).toBeTruthy();
  });
});
