import proxyAddr from '@fastify/proxy-addr';
import { IncomingMessage } from 'node:http';

/**
 * A request's client address under the same TRUST_PROXY rules as Fastify's `request.ip` (what
 * the HTTP routes' rate limits count by), for requests Fastify does not see: socket.io's
 * handshakes. Behind a trusted proxy it is the address the proxy forwarded, not the proxy's.
 */
export function clientAddressResolver(
  trustProxy: boolean | number | string[],
): (request: IncomingMessage) => string {
  if (trustProxy === false || (Array.isArray(trustProxy) && trustProxy.length === 0)) {
    return (request) => request.socket.remoteAddress ?? '';
  }
  const trust =
    trustProxy === true
      ? () => true
      : typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyAddr.compile(trustProxy);
  return (request) => {
    const addresses = proxyAddr.all(request, trust);
    return addresses[addresses.length - 1];
  };
}
