import { formatTicketNumber, parseTicketNumber } from './ticket-number';

describe('ticket numbers', () => {
  it('formats with the desk prefix', () => {
    expect(formatTicketNumber('LD', '1042')).toBe('LD-1042');
  });

  it('parses with or without a prefix, and rejects other text', () => {
    expect(parseTicketNumber('LD-1042')).toBe(1042);
    expect(parseTicketNumber(' ld-7 ')).toBe(7);
    expect(parseTicketNumber('1042')).toBe(1042);
    expect(parseTicketNumber('refund 1042')).toBeUndefined();
  });
});
