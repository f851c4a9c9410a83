import { INBOUND_LANES, inboundLane, rawFromAddress } from './inbound-lane';

const raw = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

describe('rawFromAddress', () => {
  it('reads the From address of the header block, folded or not, in lower case', () => {
    expect(rawFromAddress(raw(['Subject: x', 'From: Pat Doe <Pat@Customer.Example>', '', 'Hi']))).toBe(
      'pat@customer.example',
    );
    expect(
      rawFromAddress(raw(['FROM:', ' "Doe, Pat"', '  <pat@customer.example>', 'To: a@b.c', '', ''])),
    ).toBe('pat@customer.example');
    expect(rawFromAddress(raw(['from: pat@customer.example (Pat)', '', '']))).toBe('pat@customer.example');
  });

  it('ignores a From line in the body and answers undefined without one', () => {
    expect(rawFromAddress(raw(['Subject: x', '', 'From: someone@else.example']))).toBeUndefined();
    expect(rawFromAddress(raw(['Subject: x', '', '']))).toBeUndefined();
  });
});

describe('inboundLane', () => {
  it('puts one sender always in the same lane, and spreads senders over all lanes', () => {
    expect(inboundLane('pat@customer.example')).toBe(inboundLane('pat@customer.example'));
    const lanes = new Set(Array.from({ length: 200 }, (_, index) => inboundLane(`c${index}@x.example`)));
    expect([...lanes].sort((a, b) => a - b)).toEqual(
      Array.from({ length: INBOUND_LANES }, (_, lane) => lane),
    );
  });
});
