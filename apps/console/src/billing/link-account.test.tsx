import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import { testSession, WithSession } from '../shared/test-session';
import { LinkAccount } from './link-account';

afterEach(cleanup);

const NORTHWIND = {
  id: 'acc-1',
  number: 'ACC-1001',
  name: 'Northwind Traders',
  status: 'active',
  currency: 'EUR',
};

function renderLink(api: object) {
  const onLinked = vi.fn();
  render(
    <WithSession session={testSession(api)}>
      <LinkAccount ticketId="t1" onLinked={onLinked} />
    </WithSession>,
  );
  return onLinked;
}

describe('<LinkAccount>', () => {
  it('searches accounts once typing pauses and links the chosen one to the ticket', async () => {
    const get = vi.fn(() => Promise.resolve({ items: [NORTHWIND], total: 1, page: 1, pageSize: 8 }));
    const patch = vi.fn(() => Promise.resolve({}));
    const onLinked = renderLink({ get, patch });
    await userEvent.type(screen.getByLabelText('Link a customer account'), 'north');
    await screen.findByText('Northwind Traders');
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith('/api/accounts', { q: 'north', pageSize: 8 });

    await userEvent.click(screen.getByRole('button', { name: 'Link Northwind Traders' }));
    expect(patch).toHaveBeenCalledWith('/api/tickets/t1', { accountId: 'acc-1' });
    expect(onLinked).toHaveBeenCalled();
  });

  it('says when nothing matches', async () => {
    renderLink({ get: vi.fn(() => Promise.resolve({ items: [], total: 0, page: 1, pageSize: 8 })) });
    await userEvent.type(screen.getByLabelText('Link a customer account'), 'zz-nobody');
    expect((await screen.findByText(/No account matches/)).textContent).toBe(
      'No account matches “zz-nobody”.',
    );
  });

  it("shows the API's refusal when the link fails", async () => {
    const get = vi.fn(() => Promise.resolve({ items: [NORTHWIND], total: 1, page: 1, pageSize: 8 }));
    const patch = vi.fn(() =>
      Promise.reject(new ApiError(409, { statusCode: 409, error: 'Conflict', message: 'Ticket is closed' })),
    );
    const onLinked = renderLink({ get, patch });
    await userEvent.type(screen.getByLabelText('Link a customer account'), 'ACC-1001');
    await userEvent.click(await screen.findByRole('button', { name: 'Link Northwind Traders' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ticket is closed');
    expect(onLinked).not.toHaveBeenCalled();
  });
});
