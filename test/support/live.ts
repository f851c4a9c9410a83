import { io, Socket } from 'socket.io-client';
import { TestAgent, TestApp } from './test-app';

/** A socket.io client on `/live` that records every message it receives. */
export interface LiveClient {
  socket: Socket;
  /** Every payload received so far, by event name, in arrival order. */
  received: Map<string, unknown[]>;
  /** Resolves with the first payload of `event` (already received or future) matching `match`. */
  next<T>(event: string, match?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Payloads of `event` received so far that match. */
  all<T>(event: string, match?: (payload: T) => boolean): T[];
  /** Emits a command and resolves with its acknowledgement. */
  command<T>(event: string, body: unknown): Promise<T>;
  /** Forgets what was received (of one event, or all). */
  clear(event?: string): void;
  close(): void;
}

/** Makes the app listen on a free loopback port and returns the base URL for socket.io clients. */
export async function listen(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  return (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** Connects as `agent` and waits for the `session` message. */
export function connectLive(url: string, agent: TestAgent): Promise<LiveClient> {
  return connectRecording(url, '/live', { token: agent.token }, 'session');
}

/**
 * Connects to a customer's web chat with the request link's token, from `address` (sent as
 * X-Forwarded-For: the app must trust the loopback proxy); waits for the conversation.
 */
export function connectChat(url: string, token: string, address?: string): Promise<LiveClient> {
  const headers = address ? { 'x-forwarded-for': address } : undefined;
  return connectRecording(url, '/chat', { token }, 'chat.conversation', headers);
}

/** Why a connection to `namespace` with `auth` is refused (its `connect_error`). */
export async function refusedConnection(url: string, namespace: string, auth: object): Promise<string> {
  const socket = io(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('connect_error', (error: Error) => resolve(error.message));
      socket.once('connect', () => reject(new Error(`${namespace} accepted the connection`)));
    });
  } finally {
    socket.disconnect();
  }
}

async function connectRecording(
  url: string,
  namespace: string,
  auth: object,
  firstEvent: string,
  extraHeaders?: Record<string, string>,
): Promise<LiveClient> {
  const socket = io(`${url}${namespace}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    extraHeaders,
  });
  const received = new Map<string, unknown[]>();
  const waiters: {
    event: string;
    match: (payload: unknown) => boolean;
    resolve: (payload: unknown) => void;
  }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    const list = received.get(event) ?? [];
    list.push(payload);
    received.set(event, list);
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
    }
  });
  const client: LiveClient = {
    socket,
    received,
    all: <T>(event: string, match: (payload: T) => boolean = () => true) =>
      ((received.get(event) ?? []) as T[]).filter(match),
    next: <T>(event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000) => {
      const seen = client.all<T>(event, match);
      if (seen.length > 0) return Promise.resolve(seen[0]);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          event,
          match: match as (payload: unknown) => boolean,
          resolve: (payload: unknown) => {
            clearTimeout(timer);
            resolve(payload as T);
          },
        };
        waiters.push(waiter);
      });
    },
    command: <T>(event: string, body: unknown) => socket.timeout(5000).emitWithAck(event, body) as Promise<T>,
    clear: (event?: string) => (event ? received.delete(event) : received.clear()),
    close: () => socket.disconnect(),
  };
  await client.next(firstEvent);
  return client;
}

/** Waits `ms` milliseconds (to show that something did NOT arrive). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
