import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api-client';
import { testSession, WithSession } from '../shared/test-session';
import { RequestLinkReset } from './request-link-reset';

afterEach(cleanup);

function renderReset(post: (...args: unknown[]) => Promise<unknown>) {
  render(
    <WithSession session={testSession({ post })}>
      <RequestLinkReset ticketId="t1" />
    </WithSession>,
  );
}

describe('<RequestLinkReset>', () => {
  it('asks first, then stops the links and says from when', async () => {
    const post = vi.fn(() => Promise.resolve({ resetAt: '2026-11-26T08:00:00Z' }));
    renderReset(post);

    await userEvent.click(screen.getByRole('button', { name: 'Stop the links sent so far…' }));
    expect(post).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Stop the links sent so far…' }));
    expect(screen.getByText(/loses access to this request/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Stop links' }));
    expect(post).toHaveBeenCalledWith('/api/tickets/t1/request-links/reset');
    expect((await screen.findByRole('status')).textContent).toMatch(
      /no longer work; the next email carries a new one/,
    );
  });

  it('says why when the desk refuses, and lets the agent try again', async () => {
    const post = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(403, {
          statusCode: 403,
          error: 'Forbidden',
          message: 'Agents can only work tickets of their teams or assigned to them',
        }),
      )
      .mockResolvedValueOnce({ resetAt: '2026-11-26T08:00:00Z' });
    renderReset(post);

    await userEvent.click(screen.getByRole('button', { name: 'Stop the links sent so far…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Stop links' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Links not stopped: .*their teams/);
    await userEvent.click(screen.getByRole('button', { name: 'Stop links' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
