import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSession, WithSession } from '../shared/test-session';
import { LiveProvider, useLive } from './live-context';

/** The socket.io client as the provider uses it: handlers by event, `connect` counted. */
class FakeSocket {
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  connects = 0;
  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  off(): this {
    return this;
  }
  connect(): this {
    this.connects += 1;
    return this;
  }
  disconnect(): this {
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

const sockets = vi.hoisted(() => [] as unknown[]);
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  },
}));

function Status() {
  return <output aria-label="status">{useLive().status}</output>;
}

function renderLive(logout = vi.fn()) {
  const api = { get: vi.fn(() => new Promise(() => undefined)), put: vi.fn() };
  render(
    <WithSession session={testSession(api, {}, { logout })}>
      <LiveProvider>
        <Status />
      </LiveProvider>
    </WithSession>,
  );
  return { socket: sockets.at(-1) as FakeSocket, logout };
}

describe('<LiveProvider>', () => {
  afterEach(() => {
    cleanup();
    sockets.length = 0;
  });

  it('connects again when the server ends the connection (the agent’s rights changed)', async () => {
    const { socket } = renderLive();
    socket.fire('connect');
    await waitFor(() => expect(screen.getByLabelText('status').textContent).toBe('live'));

    socket.fire('disconnect', 'io server disconnect');

    expect(socket.connects).toBe(1);
    await waitFor(() => expect(screen.getByLabelText('status').textContent).toBe('offline'));
  });

  it('leaves reconnecting after a lost network to socket.io', () => {
    const { socket } = renderLive();
    socket.fire('disconnect', 'transport close');
    expect(socket.connects).toBe(0);
  });

  it('signs out when the reconnect is refused because the agent was deactivated', () => {
    const { socket, logout } = renderLive();
    socket.fire('connect_error', new Error('This agent account is deactivated'));
    expect(logout).toHaveBeenCalled();
  });
});
