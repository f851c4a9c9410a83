import { deskMessageId, replySubject, ticketToken } from './outbound-mail';

describe('outbound mail headers', () => {
  it('puts the ticket token in a reply subject once, without stacking Re:', () => {
    expect(replySubject('Charged twice', ticketToken('LD', 1042))).toBe('Re: Charged twice [LD-1042]');
    expect(replySubject('RE: Re: Charged twice [LD-1042]', '[LD-1042]')).toBe('Re: Charged twice [LD-1042]');
    expect(replySubject('  ', '[LD-7]')).toBe('Re: (no subject) [LD-7]');
    // The customer's own references stay.
    expect(replySubject('Wrong amount on [INV-1042] – Müller GmbH', '[LD-1486]')).toBe(
      'Re: Wrong amount on [INV-1042] – Müller GmbH [LD-1486]',
    );
  });

  it('mints Message-IDs on the desk domain', () => {
    expect(deskMessageId('abc', 'billing@desk.example')).toBe('abc@desk.example');
  });
});
