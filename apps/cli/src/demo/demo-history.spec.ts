import { demoHistory } from './demo-history';

describe('demoHistory', () => {
  const today = new Date(Date.UTC(2026, 10, 25));
  const options = {
    today,
    agentEmails: ['ada@ledgerdesk.demo', 'grace@ledgerdesk.demo'],
    accountNumbers: ['ACC-1', 'ACC-2'],
    tickets: 400,
  };
  const parse = (lines: string[]) =>
    lines.map((line) => JSON.parse(line) as { id: string; type: string; ticket: string; at: string });

  it('is the same every run, so re-seeding imports nothing twice', () => {
    expect(demoHistory(options)).toEqual(demoHistory(options));
  });

  it('leaves only the last two days’ tickets unsolved, and closes tickets solved four days ago', () => {
    const byTicket = new Map<string, { created: number; types: string[]; solvedAt?: number }>();
    for (const event of parse(demoHistory(options))) {
      const at = Date.parse(event.at);
      const ticket = byTicket.get(event.ticket) ?? { created: at, types: [] };
      ticket.types.push(event.type);
      if (event.type === 'ticket.solved') ticket.solvedAt = at;
      byTicket.set(event.ticket, ticket);
    }
    const twoDaysAgo = today.getTime() - 2 * 86_400_000;
    const unsolved = [...byTicket.values()].filter((ticket) => !ticket.types.includes('ticket.solved'));
    expect(unsolved.length).toBeGreaterThan(0);
    for (const ticket of unsolved) expect(ticket.created).toBeGreaterThanOrEqual(twoDaysAgo);
    for (const ticket of byTicket.values()) {
      const closable = ticket.solvedAt !== undefined && ticket.solvedAt + 4 * 86_400_000 <= Date.now();
      expect(ticket.types.includes('ticket.closed')).toBe(closable);
    }
  });

  it('gives an event the same id whatever the time of the run', () => {
    const idsAt = (now: number): Map<string, string> => {
      const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
      try {
        return new Map(parse(demoHistory(options)).map((event) => [event.id, `${event.type}@${event.at}`]));
      } finally {
        clock.mockRestore();
      }
    };
    const morning = idsAt(today.getTime() - 12 * 3_600_000);
    const later = idsAt(today.getTime() + 5 * 86_400_000);
    expect(later.size).toBeGreaterThan(morning.size);
    for (const [id, event] of morning) expect(later.get(id)).toBe(event);
  });

  it('never dates an event in the future', () => {
    const now = Date.now();
    for (const event of parse(demoHistory(options))) expect(Date.parse(event.at)).toBeLessThanOrEqual(now);
  });
});
