import { describe, expect, it } from 'vitest';
import { CHANNELS } from './api-types';
import { label, plural } from './format';

describe('label', () => {
  it('turns API values into words', () => {
    expect(label('in_progress')).toBe('In progress');
    expect(label('bank_transfer')).toBe('Bank transfer');
    expect(label('ticket.status_changed')).toBe('Ticket status changed');
  });

  it('writes acronyms in capitals', () => {
    expect(CHANNELS.map(label)).toEqual(['Email', 'Chat', 'Phone', 'Web', 'API']);
    expect(label('csat_survey')).toBe('CSAT survey');
    expect(label('fcr')).toBe('FCR');
    expect(label('first_response')).toBe('First response');
  });
});

describe('plural', () => {
  it('says "1 ticket" but "0 tickets" and "2 tickets"', () => {
    expect(plural(1, 'ticket')).toBe('1 ticket');
    expect(plural(0, 'ticket')).toBe('0 tickets');
    expect(plural(2, 'ticket')).toBe('2 tickets');
    expect(plural(1204, 'open ticket')).toBe('1,204 open tickets');
  });
});
