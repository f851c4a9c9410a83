import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testBilling } from '../billing/test-billing';
import type { Me, ReplyTemplate } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { Composer, type ComposerSubmission } from './composer';
import { templateValues } from './template-values';

afterEach(cleanup);

const template = (name: string, body: string): ReplyTemplate => ({
  id: name,
  name,
  body,
  updatedBy: null,
  updatedByName: null,
  updatedAt: '2026-11-25T09:00:00Z',
});

const TEMPLATES = [
  template(
    'Refund on its way',
    'Hello {{customer.firstName}}, the refund for {{ticket.number}} is on its way.',
  ),
  template('Balance', 'Your balance is {{account.balance}}. {{agent.firstName}}'),
];

const ME: Me = {
  id: 'a1',
  email: 'ada@x',
  name: 'Ada Lovelace',
  role: 'agent',
  presence: 'available',
  teams: [],
};
const PAT = { email: null, phone: null, name: 'Pat Doe' };

function renderComposer(values = templateValues({ ...testTicket({ requester: PAT }), billing: null }, ME)) {
  const onSubmit = vi.fn((_: ComposerSubmission) => Promise.resolve());
  const get = vi.fn(() => Promise.resolve(TEMPLATES));
  render(
    <WithSession session={testSession({ get })}>
      <Composer onSubmit={onSubmit} templateValues={values} />
    </WithSession>,
  );
  return { onSubmit, get };
}

describe('reply templates in the composer', () => {
  it('inserts a template filled from the ticket where the cursor is, to edit before sending', async () => {
    const { onSubmit, get } = renderComposer();
    const box = screen.getByLabelText<HTMLTextAreaElement>('Reply to the customer');
    await userEvent.type(box, 'Hi! ');
    await userEvent.selectOptions(
      await screen.findByLabelText('Insert a reply template'),
      'Refund on its way',
    );
    expect(get).toHaveBeenCalledWith('/api/reply-templates');
    expect(box.value).toBe('Hi! Hello Pat, the refund for LD-1001 is on its way.');
    // The picker is back on its prompt, ready for another template.
    expect(screen.getByLabelText<HTMLSelectElement>('Insert a reply template').value).toBe('');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ body: 'Hi! Hello Pat, the refund for LD-1001 is on its way.' }),
    );
  });

  it('leaves a placeholder it has no value for as written (no account linked)', async () => {
    renderComposer();
    await userEvent.selectOptions(await screen.findByLabelText('Insert a reply template'), 'Balance');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reply to the customer').value).toBe(
      'Your balance is {{account.balance}}. Ada',
    );
  });

  it('fills the account’s figures when one is linked', () => {
    const values = templateValues({ ...testTicket(), billing: testBilling() }, ME);
    expect(values).toMatchObject({
      'account.name': 'Adventure Works',
      'account.number': 'AW-7007',
      'account.balance': 'US$1,234.00',
      'agent.name': 'Ada Lovelace',
      'customer.name': null,
      'customer.firstName': null,
    });
  });
});
