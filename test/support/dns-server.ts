import DNS from 'dns2';

export interface DnsServer {
  /** `127.0.0.1:<port>`, for MAIL_DNS_SERVERS. */
  address: string;
  close(): Promise<void>;
}

const NXDOMAIN = 3;
/** One TXT character-string holds at most 255 bytes; longer records are split, as zone files do. */
const chunks = (text: string): string[] => text.match(/.{1,255}/g) ?? [''];

/**
 * A real DNS server on loopback (UDP) that answers TXT queries from `txt` (name → record) and
 * NXDOMAIN to anything else: the sender checks of inbound mail ask it like they would ask the
 * internet's.
 */
export async function startDnsServer(txt: Record<string, string>): Promise<DnsServer> {
  const server = DNS.createServer({
    udp: true,
    handle: (request, send) => {
      const response = DNS.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const record = question?.type === DNS.Packet.TYPE.TXT ? txt[question.name.toLowerCase()] : undefined;
      if (record === undefined) {
        response.header.rcode = NXDOMAIN;
      } else {
        response.answers.push({
          name: question.name,
          type: DNS.Packet.TYPE.TXT,
          class: DNS.Packet.CLASS.IN,
          ttl: 60,
          data: chunks(record),
        } as never);
      }
      void send(response);
    },
  });
  const { udp } = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  if (!udp) throw new Error('the DNS server did not bind its UDP port');
  return { address: `127.0.0.1:${udp.port}`, close: () => server.close() };
}
