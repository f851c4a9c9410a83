import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, WithSession } from '../shared/test-session';
import { CallPanel } from './call-panel';

afterEach(cleanup);

const T0 = Date.parse('2026-11-25T09:30:00Z');

function renderPanel(post: ReturnType<typeof vi.fn>, onLogged = vi.fn()) {
  render(
    <WithSession session={testSession({ post })}>
      <CallPanel ticketId="t1" onLogged={onLogged} />
    </WithSession>,
  );
  return onLogged;
}

describe('<CallPanel>', () => {
  it('logs the call with the instants of the button presses', async () => {
    const now = vi.spyOn(Date, 'now');
    const post = vi.fn(() => Promise.resolve({}));
    const onLogged = renderPanel(post);
    const press = async (name: string, seconds: number) => {
      now.mockReturnValue(T0 + seconds * 1000);
      await userEvent.click(screen.getByRole('button', { name }));
    };
    await press('Start call', 0);
    await press('Hold', 20);
    await press('Resume', 50);
    await press('End call', 120);
    await userEvent.type(screen.getByLabelText('Notes'), 'Explained the proration');
    await press('Finish wrap-up and log call', 150);

    expect(post).toHaveBeenCalledWith('/api/tickets/t1/calls', {
      direction: 'inbound',
      startedAt: '2026-11-25T09:30:00.000Z',
      endedAt: '2026-11-25T09:32:00.000Z',
      holdSeconds: 30,
      wrapUpSeconds: 30,
      outcome: undefined,
      notes: 'Explained the proration',
    });
    expect(onLogged).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Start call' })).toBeTruthy();
  });

  it('suggests an outcome in plain words', async () => {
    renderPanel(vi.fn());
    await userEvent.click(screen.getByRole('button', { name: 'Start call' }));
    await userEvent.click(screen.getByRole('button', { name: 'End call' }));
    const placeholder = screen.getByLabelText('Outcome').getAttribute('placeholder');
    expect(placeholder).toBe('e.g. Explained the charge');
    expect(placeholder).not.toMatch(/_/);
  });

  it('keeps the finished call and offers a retry when logging fails', async () => {
    const post = vi.fn((): Promise<unknown> => Promise.reject(new Error('network down')));
    renderPanel(post);
    await userEvent.click(screen.getByRole('button', { name: 'Start call' }));
    await userEvent.click(screen.getByRole('button', { name: 'End call' }));
    await userEvent.click(screen.getByRole('button', { name: 'Finish wrap-up and log call' }));
    expect((await screen.findByRole('alert')).textContent).toContain('network down');
    post.mockImplementation(() => Promise.resolve({}));
    await userEvent.click(screen.getByRole('button', { name: 'Retry logging the call' }));
    expect(post).toHaveBeenCalledTimes(2);
    expect(post.mock.calls[1]).toEqual(post.mock.calls[0]);
  });
});
