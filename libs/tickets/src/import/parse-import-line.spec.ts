import { parseImportLine } from './parse-import-line';

const AT = '2025-03-01T09:30:00Z';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ id: 'e-1', ticket: 'T-1', at: AT, ...fields });

const reasonOf = (text: string): string => {
  const parsed = parseImportLine(text);
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.event)}`);
  return parsed.reason;
};

const eventOf = (text: string): unknown => {
  const parsed = parseImportLine(text);
  if (!parsed.ok) throw new Error(`expected a valid line, got: ${parsed.reason}`);
  return parsed.event;
};

const created = {
  type: 'ticket.created',
  channel: 'email',
  subject: 'Charged twice',
  requester: { email: 'Pat@Customer.example' },
};

describe('parseImportLine', () => {
  describe('accepts every event type', () => {
    it('reads ticket.created with defaults for category and priority and a normalised requester', () => {
      expect(eventOf(line({ ...created, subject: '  Charged twice ', account: 'ACC-7' }))).toEqual({
        id: 'e-1',
        ticket: 'T-1',
        at: '2025-03-01T09:30:00.000Z',
        type: 'ticket.created',
        channel: 'email',
        subject: 'Charged twice',
        category: 'other',
        priority: 'normal',
        requester: { email: 'pat@customer.example' },
        account: 'ACC-7',
      });
    });

    it('reads ticket.created without a requester (the source desk may not have one)', () => {
      const { requester: _requester, ...withoutRequester } = created;
      expect(eventOf(line(withoutRequester))).toEqual({
        id: 'e-1',
        ticket: 'T-1',
        at: '2025-03-01T09:30:00.000Z',
        type: 'ticket.created',
        channel: 'email',
        subject: 'Charged twice',
        category: 'other',
        priority: 'normal',
      });
    });

    it('reads ticket.created with every optional field', () => {
      expect(
        eventOf(
          line({
            ...created,
            category: 'refund_request',
            priority: 'urgent',
            requester: { email: 'pat@customer.example', phone: '+44 20 7946 0958', name: 'Pat Doe' },
          }),
        ),
      ).toMatchObject({
        category: 'refund_request',
        priority: 'urgent',
        requester: { email: 'pat@customer.example', phone: '+44 20 7946 0958', name: 'Pat Doe' },
      });
    });

    it('reads agent events, keeping the agent email as given', () => {
      expect(eventOf(line({ type: 'ticket.assigned', agent: 'Ana@Desk.example' }))).toMatchObject({
        type: 'ticket.assigned',
        agent: 'Ana@Desk.example',
      });
      expect(eventOf(line({ type: 'ticket.solved', agent: 'ana@desk.example' }))).toMatchObject({
        type: 'ticket.solved',
      });
    });

    it('reads reopened and closed, which take no other fields', () => {
      expect(eventOf(line({ type: 'ticket.reopened' }))).toEqual({
        id: 'e-1',
        ticket: 'T-1',
        at: '2025-03-01T09:30:00.000Z',
        type: 'ticket.reopened',
      });
      expect(eventOf(line({ type: 'ticket.closed' }))).toMatchObject({ type: 'ticket.closed' });
    });

    it('reads customer and agent messages, with or without a body', () => {
      expect(
        eventOf(line({ type: 'message', author: 'customer', visibility: 'public', body: 'Hi' })),
      ).toMatchObject({
        author: 'customer',
        visibility: 'public',
        body: 'Hi',
      });
      expect(
        eventOf(
          line({ type: 'message', author: 'agent', agent: 'ana@desk.example', visibility: 'internal' }),
        ),
      ).toEqual({
        id: 'e-1',
        ticket: 'T-1',
        at: '2025-03-01T09:30:00.000Z',
        type: 'message',
        author: 'agent',
        agent: 'ana@desk.example',
        visibility: 'internal',
      });
    });

    it('reads a call, defaulting hold and wrap-up to zero', () => {
      const call = {
        type: 'call',
        agent: 'ana@desk.example',
        direction: 'inbound',
        endedAt: '2025-03-01T09:40:00Z',
      };
      expect(eventOf(line({ ...call, holdSeconds: 60, wrapUpSeconds: 30 }))).toMatchObject({
        endedAt: '2025-03-01T09:40:00.000Z',
        holdSeconds: 60,
        wrapUpSeconds: 30,
      });
      expect(eventOf(line(call))).toMatchObject({ holdSeconds: 0, wrapUpSeconds: 0 });
    });

    it('reads a work session', () => {
      expect(
        eventOf(line({ type: 'work', agent: 'ana@desk.example', endedAt: '2025-03-01T11:00:00+01:00' })),
      ).toMatchObject({ type: 'work', endedAt: '2025-03-01T10:00:00.000Z', at: '2025-03-01T09:30:00.000Z' });
    });

    it('reads csat with and without a comment', () => {
      expect(eventOf(line({ type: 'csat', rating: 5, comment: 'Quick!' }))).toMatchObject({
        rating: 5,
        comment: 'Quick!',
      });
      expect(eventOf(line({ type: 'csat', rating: 1 }))).toMatchObject({ rating: 1 });
    });

    it('accepts an empty message body', () => {
      expect(
        eventOf(line({ type: 'message', author: 'customer', visibility: 'public', body: '' })),
      ).toMatchObject({
        body: '',
      });
    });

    it('treats null optional fields as absent', () => {
      expect(eventOf(line({ ...created, category: null, account: null }))).toMatchObject({
        category: 'other',
      });
      expect(eventOf(line({ type: 'csat', rating: 3, comment: null }))).not.toHaveProperty('comment');
    });
  });

  describe('timestamps', () => {
    it.each([
      ['2025-03-01T10:30:00+01:00', '2025-03-01T09:30:00.000Z'],
      ['2025-03-01T04:30:00-05:00', '2025-03-01T09:30:00.000Z'],
      ['2025-03-01T10:30:00+0100', '2025-03-01T09:30:00.000Z'],
      ['2025-03-01T09:30Z', '2025-03-01T09:30:00.000Z'],
      ['2025-03-01T09:30:00.123456Z', '2025-03-01T09:30:00.123Z'],
    ])('normalises %s to UTC', (at, utc) => {
      expect(eventOf(line({ type: 'ticket.closed', at }))).toMatchObject({ at: utc });
    });

    it('rejects a timestamp without an offset', () => {
      expect(reasonOf(line({ type: 'ticket.closed', at: '2025-03-01T09:30:00' }))).toBe(
        'at "2025-03-01T09:30:00" has no UTC offset (end it with Z or ±hh:mm)',
      );
    });

    it.each(['yesterday', '2025-03-01', '01/03/2025 09:30 +00:00', '2025-03-01T09:30:00 Z'])(
      'rejects %s as not ISO 8601',
      (at) => {
        expect(reasonOf(line({ type: 'ticket.closed', at }))).toMatch(
          /^at ".*" is not an ISO 8601 timestamp/,
        );
      },
    );

    it.each([
      '2025-02-30T09:30:00Z',
      '2025-13-01T09:30:00Z',
      '2025-03-01T24:00:00Z',
      '2025-03-01T09:30:00+25:00',
    ])('rejects the impossible %s', (at) => {
      expect(reasonOf(line({ type: 'ticket.closed', at }))).toBe(`at "${at}" is not a real date and time`);
    });

    it('rejects a number as a timestamp', () => {
      expect(reasonOf(line({ type: 'ticket.closed', at: 1740821400 }))).toBe(
        'at must be an ISO 8601 timestamp string',
      );
    });

    it('checks endedAt like at', () => {
      expect(
        reasonOf(line({ type: 'work', agent: 'ana@desk.example', endedAt: '2025-03-01T10:00:00' })),
      ).toMatch(/^endedAt "2025-03-01T10:00:00" has no UTC offset/);
    });
  });

  describe('rejects', () => {
    it('malformed JSON', () => {
      expect(reasonOf('{"id": "e-1", "type": ')).toMatch(/^malformed JSON: /);
    });

    it.each(['[1, 2]', '"text"', '42', 'null'])('a line that is not an object: %s', (text) => {
      expect(reasonOf(text)).toBe('a line must be one JSON object');
    });

    it('an unknown type, naming the known ones', () => {
      expect(reasonOf(line({ type: 'ticket.merged' }))).toBe(
        'unknown type "ticket.merged" (expected one of ticket.created, ticket.assigned, message, call, work, ' +
          'ticket.solved, ticket.reopened, ticket.closed, csat)',
      );
    });

    it.each([
      ['id', { id: undefined }],
      ['type', {}],
      ['ticket', { type: 'ticket.closed', ticket: undefined }],
      ['at', { type: 'ticket.closed', at: undefined }],
    ])('a line without %s', (field, fields) => {
      const record = { id: 'e-1', ticket: 'T-1', at: AT, ...fields };
      expect(reasonOf(JSON.stringify(record))).toBe(`missing field ${field}`);
    });

    it('a non-string or blank id or ticket', () => {
      expect(reasonOf(line({ type: 'ticket.closed', id: 17 }))).toBe('id must be a string');
      expect(reasonOf(line({ type: 'ticket.closed', ticket: '  ' }))).toBe('ticket must not be blank');
    });

    it.each([
      ['channel', { ...created, channel: undefined }],
      ['subject', { ...created, subject: undefined }],
    ])('ticket.created without %s', (field, fields) => {
      expect(reasonOf(line(fields))).toBe(`missing field ${field}`);
    });

    it('ticket.created with invalid fields', () => {
      expect(reasonOf(line({ ...created, channel: 'fax' }))).toBe(
        'channel must be one of email, chat, phone, web, api (got "fax")',
      );
      expect(reasonOf(line({ ...created, category: 'billing' }))).toMatch(
        /^category must be one of invoice_question, /,
      );
      expect(reasonOf(line({ ...created, priority: 'p1' }))).toMatch(/^priority must be one of low, normal/);
      expect(reasonOf(line({ ...created, subject: ' ' }))).toBe('subject must not be blank');
      expect(reasonOf(line({ ...created, subject: 'x'.repeat(301) }))).toBe(
        'subject is longer than 300 characters',
      );
      expect(reasonOf(line({ ...created, account: 42 }))).toBe('account must be a string');
    });

    it('a requester that is empty, malformed or has unknown fields', () => {
      expect(reasonOf(line({ ...created, requester: {} }))).toBe(
        'requester needs at least one of email, phone, name',
      );
      expect(reasonOf(line({ ...created, requester: 'pat@customer.example' }))).toBe(
        'requester must be an object',
      );
      expect(reasonOf(line({ ...created, requester: { email: 'not-an-email' } }))).toBe(
        'requester.email must be an email address',
      );
      expect(reasonOf(line({ ...created, requester: { phone: 'call me' } }))).toBe(
        'requester.phone must be a phone number',
      );
      expect(reasonOf(line({ ...created, requester: { email: 'pat@customer.example', vip: true } }))).toBe(
        'unknown field "requester.vip" (requester takes email, phone, name)',
      );
    });

    it('unknown extra fields, naming what the type takes', () => {
      expect(reasonOf(line({ type: 'ticket.assigned', agent: 'ana@desk.example', team: 'Billing' }))).toBe(
        'unknown field "team" (ticket.assigned takes id, type, ticket, at, agent)',
      );
      expect(reasonOf(line({ type: 'ticket.closed', agent: 'ana@desk.example', reason: 'x' }))).toBe(
        'unknown fields "agent", "reason" (ticket.closed takes id, type, ticket, at)',
      );
    });

    it.each([
      { type: 'ticket.assigned' },
      { type: 'ticket.solved' },
      { type: 'call', direction: 'inbound', endedAt: '2025-03-01T09:40:00Z' },
      { type: 'work', endedAt: '2025-03-01T09:40:00Z' },
    ])('$type without an agent', (fields) => {
      expect(reasonOf(line(fields))).toBe('missing field agent');
    });

    it('messages with a missing or inconsistent author, agent or visibility', () => {
      expect(reasonOf(line({ type: 'message', visibility: 'public' }))).toBe('missing field author');
      expect(reasonOf(line({ type: 'message', author: 'bot', visibility: 'public' }))).toBe(
        'author must be one of customer, agent (got "bot")',
      );
      expect(reasonOf(line({ type: 'message', author: 'agent', visibility: 'public' }))).toBe(
        'missing field agent',
      );
      expect(reasonOf(line({ type: 'message', author: 'customer' }))).toBe('missing field visibility');
      expect(reasonOf(line({ type: 'message', author: 'customer', visibility: 'private' }))).toBe(
        'visibility must be one of public, internal (got "private")',
      );
      expect(
        reasonOf(
          line({ type: 'message', author: 'customer', agent: 'ana@desk.example', visibility: 'public' }),
        ),
      ).toBe('agent is only given when author is agent');
      expect(reasonOf(line({ type: 'message', author: 'customer', visibility: 'internal' }))).toBe(
        'a customer message cannot be internal (visibility public)',
      );
      expect(reasonOf(line({ type: 'message', author: 'customer', visibility: 'public', body: 7 }))).toBe(
        'body must be a string',
      );
    });

    describe('calls', () => {
      const call = {
        type: 'call',
        agent: 'ana@desk.example',
        direction: 'outbound',
        endedAt: '2025-03-01T09:31:00Z',
      };

      it('without a direction or end, or with a bad direction', () => {
        expect(reasonOf(line({ ...call, direction: undefined }))).toBe('missing field direction');
        expect(reasonOf(line({ ...call, endedAt: undefined }))).toBe('missing field endedAt');
        expect(reasonOf(line({ ...call, direction: 'sideways' }))).toBe(
          'direction must be one of inbound, outbound (got "sideways")',
        );
      });

      it('that end before they start', () => {
        expect(reasonOf(line({ ...call, endedAt: '2025-03-01T09:29:59Z' }))).toBe(
          'endedAt is before at (the call cannot end before it starts)',
        );
      });

      it('with more hold than call', () => {
        expect(eventOf(line({ ...call, holdSeconds: 60 }))).toMatchObject({ holdSeconds: 60 });
        expect(reasonOf(line({ ...call, holdSeconds: 61 }))).toBe(
          'holdSeconds is longer than the call (hold is part of the call, from at to endedAt)',
        );
      });

      it('with negative, fractional or textual seconds', () => {
        expect(reasonOf(line({ ...call, holdSeconds: -1 }))).toBe(
          'holdSeconds must be an integer from 0 to 43200 (got -1)',
        );
        expect(reasonOf(line({ ...call, wrapUpSeconds: 1.5 }))).toMatch(/^wrapUpSeconds must be an integer/);
        expect(reasonOf(line({ ...call, wrapUpSeconds: '30' }))).toMatch(/^wrapUpSeconds must be an integer/);
      });
    });

    it('text containing a NUL character, which the database cannot store', () => {
      expect(reasonOf(line({ ...created, subject: 'Charged\u0000twice' }))).toBe(
        'subject contains a NUL character (\\u0000)',
      );
      expect(
        reasonOf(line({ type: 'message', author: 'customer', visibility: 'public', body: 'a\u0000' })),
      ).toBe('body contains a NUL character (\\u0000)');
    });

    it('work that ends before it starts', () => {
      expect(
        reasonOf(line({ type: 'work', agent: 'ana@desk.example', endedAt: '2025-03-01T09:00:00Z' })),
      ).toBe('endedAt is before at (the work session cannot end before it starts)');
    });

    it.each([0, 6, 4.5, '5', null])('a csat rating of %p', (rating) => {
      expect(reasonOf(line({ type: 'csat', rating }))).toMatch(
        rating === null ? /^missing field rating$/ : /^rating must be an integer from 1 to 5/,
      );
    });
  });
});
