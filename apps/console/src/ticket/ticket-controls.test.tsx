import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { TicketControls } from './ticket-controls';

afterEach(cleanup);

const TICKET = testTicket();

function renderControls(patch: ReturnType<typeof vi.fn>) {
  const api = { patch, get: vi.fn(() => Promise.resolve([])) };
  const onChanged = vi.fn();
  render(
    <WithSession session={testSession(api)}>
      <TicketControls ticket={TICKET} onChanged={onChanged} />
    </WithSession>,
  );
  return onChanged;
}

describe('<TicketControls> tags', () => {
  it('sends the tags once when Enter is pressed and the field then loses focus', async () => {
    const patch = vi.fn(() => Promise.resolve({}));
    const onChanged = renderControls(patch);
    await userEvent.type(screen.getByPlaceholderText('comma, separated'), 'VIP, refund{Enter}');
    await userEvent.tab();
    expect(patch).toHaveBeenCalledTimes(1);
    expect(patch).toHaveBeenCalledWith('/api/tickets/t1', { tags: ['vip', 'refund'] });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('sends them again after the API refused them', async () => {
    const patch = vi.fn((): Promise<unknown> => Promise.reject(new Error('network down')));
    renderControls(patch);
    const field = screen.getByPlaceholderText('comma, separated');
    await userEvent.type(field, 'vip{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('network down');
    patch.mockImplementation(() => Promise.resolve({}));
    await userEvent.type(field, '{Enter}');
    expect(patch).toHaveBeenCalledTimes(2);
  });
});
