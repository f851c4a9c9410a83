import { fillTemplate, unknownPlaceholders } from '@ledgerdesk/contracts';

describe('reply template placeholders', () => {
  it('names each unknown placeholder once, in order, and accepts spaces inside the braces', () => {
    expect(unknownPlaceholders('Hi {{ customer.name }}, {{ticket.numbr}} {{x}} {{ticket.numbr}}')).toEqual([
      'ticket.numbr',
      'x',
    ]);
    expect(unknownPlaceholders('No placeholders, {single} braces or {{}}')).toEqual(['']);
  });

  it('fills what it has and leaves the others as written for the agent to fill in', () => {
    expect(
      fillTemplate(
        'Hello {{customer.firstName}}, {{ ticket.number }}: {{account.balance}} ({{agent.name}})',
        {
          'customer.firstName': 'Pat',
          'ticket.number': 'LD-1042',
          'account.balance': null,
          'agent.name': '',
        },
      ),
    ).toBe('Hello Pat, LD-1042: {{account.balance}} ({{agent.name}})');
  });
});
