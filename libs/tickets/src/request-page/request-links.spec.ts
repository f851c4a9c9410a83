import { AppConfig } from '@ledgerdesk/shared';
import { REQUEST_LINK_TTL_DAYS, RequestLinks } from './request-links';

const links = new RequestLinks({
  publicUrl: 'https://desk.example',
  requestLinkSecret: 'a-test-secret-that-is-long-enough',
} as AppConfig);
const TICKET = '0194f1c2-7a3b-7c4d-8e5f-1a2b3c4d5e6f';
const tokenOf = (url: string): string => url.split('/requests/')[1];

describe('RequestLinks', () => {
  it('reads back the ticket and the second the link was made', () => {
    const made = new Date('2026-11-26T08:00:00.750Z');
    expect(links.ticketOf(tokenOf(links.urlFor(TICKET, made)), made)).toEqual({
      ticketId: TICKET,
      issuedAt: new Date('2026-11-26T08:00:00Z'),
    });
  });

  it('refuses a link past its lifetime, and one that was tampered with', () => {
    const made = new Date('2026-01-01T00:00:00Z');
    const token = tokenOf(links.urlFor(TICKET, made));
    const later = new Date(made.getTime() + (REQUEST_LINK_TTL_DAYS * 86_400 + 1) * 1000);
    expect(links.ticketOf(token, later)).toEqual({ refused: 'expired' });
    expect(links.ticketOf(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, made)).toEqual({
      refused: 'invalid',
    });
  });

  it('keeps links made in or after the second of the latest reset, and stops older ones', () => {
    const reset = new Date('2026-11-26T08:00:00.400Z');
    expect(links.survives(new Date('2026-11-26T07:59:59Z'), reset)).toBe(false);
    expect(links.survives(new Date('2026-11-26T08:00:00Z'), reset)).toBe(true);
    expect(links.survives(new Date('2026-11-26T08:00:01Z'), reset)).toBe(true);
    expect(links.survives(new Date('2020-01-01T00:00:00Z'), null)).toBe(true);
  });
});
