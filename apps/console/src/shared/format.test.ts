import { describe, expect, it } from 'vitest';
import { CHANNELS } from './api-types';
import { calendarDay, label, plural } from './format';

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

describe('calendarDay', () => {
  it('writes a YYYY-MM-DD day as people read it', () => {
    expect(calendarDay('2026-11-25')).toBe('25 Nov 2026');
    expect(calendarDay('2026-11-25', { weekday: true })).toBe('Wed 25 Nov 2026');
    expect(calendarDay('2026-11-12', { year: false })).toBe('12 Nov');
  });

  it('keeps the day whatever the time zone of the browser', () => {
    const zone = process.env.TZ;
    try {
      for (const timeZone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = timeZone;
        expect(calendarDay('2026-01-01', { weekday: true })).toBe('Thu 1 Jan 2026');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('leaves what is no calendar day as it came', () => {
    expect(calendarDay('soon')).toBe('soon');
  });
});
