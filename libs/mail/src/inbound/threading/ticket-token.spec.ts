import { messageIds, ticketNumberInSubject } from './ticket-token';

describe('ticketNumberInSubject', () => {
  it('finds the token with the configured prefix', () => {
    expect(ticketNumberInSubject('Re: [LD-1042] Charged twice', 'LD')).toBe('1042');
    expect(ticketNumberInSubject('AW: Re: [ld-7] Rechnung', 'LD')).toBe('7');
  });

  it('ignores other prefixes and bare numbers', () => {
    expect(ticketNumberInSubject('Re: [XY-1042] Charged twice', 'LD')).toBeUndefined();
    expect(ticketNumberInSubject('Invoice LD-1042', 'LD')).toBeUndefined();
  });
});

describe('messageIds', () => {
  it('reads every id of a References header', () => {
    expect(messageIds('<a@x.example>\r\n <b@y.example>')).toEqual(['a@x.example', 'b@y.example']);
    expect(messageIds(['<a@x.example>', '<b@y.example>'])).toEqual(['a@x.example', 'b@y.example']);
    expect(messageIds(undefined)).toEqual([]);
  });
});
