import { IncomingMessage } from 'node:http';
import { clientAddressResolver } from './client-address';

const request = (remoteAddress: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressResolver (TRUST_PROXY for socket.io handshakes)', () => {
  it('takes the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddressResolver(false)(request('192.0.2.7', '10.9.9.9'))).toBe('192.0.2.7');
    expect(clientAddressResolver([])(request('192.0.2.7', '10.9.9.9'))).toBe('192.0.2.7');
  });

  it('takes the forwarded client behind a trusted proxy, the peer otherwise', () => {
    const resolve = clientAddressResolver(['127.0.0.1']);
    expect(resolve(request('127.0.0.1', '203.0.113.5'))).toBe('203.0.113.5');
    expect(resolve(request('198.51.100.1', '203.0.113.5'))).toBe('198.51.100.1');
    // A client cannot hide behind an address it forged before the trusted proxy's own.
    expect(resolve(request('127.0.0.1', '10.0.0.1, 203.0.113.5'))).toBe('203.0.113.5');
  });

  it('counts hops when TRUST_PROXY is a number, and trusts every hop when true', () => {
    expect(clientAddressResolver(1)(request('10.0.0.2', '203.0.113.5, 10.0.0.1'))).toBe('10.0.0.1');
    expect(clientAddressResolver(true)(request('10.0.0.2', '203.0.113.5, 10.0.0.1'))).toBe('203.0.113.5');
  });
});
