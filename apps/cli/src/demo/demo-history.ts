/**
 * Four weeks of believable desk history for the demo, so scorecards and charts have something
 * to show: generated deterministically (same ids every run, so re-seeding imports nothing twice)
 * and loaded through the history import like any other desk's history.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

const CATEGORIES = [
  'invoice_question',
  'incorrect_charge',
  'payment_not_applied',
  'refund_request',
  'duplicate_charge',
  'payment_method',
  'plan_change',
  'account_update',
] as const;
const CHANNELS = ['email', 'email', 'email', 'chat', 'chat', 'phone', 'web'] as const;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export interface DemoHistoryOptions {
  /** Midnight (UTC) of the day the history ends on. */
  today: Date;
  agentEmails: string[];
  accountNumbers: string[];
  tickets: number;
}

export function demoHistory(options: DemoHistoryOptions): string[] {
  // Each ticket draws from its own sequence, so one ticket's branches never change another's.
  let rand = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const minutes = (min: number, max: number): number => (min + rand() * (max - min)) * MINUTE;
  const lines: string[] = [];
  const start = options.today.getTime() - 28 * DAY;

  for (let n = 0; n < options.tickets; n += 1) {
    rand = seeded(42 + n * 7919);
    const key = `demo-history-${n}`;
    let k = 0;
    const push = (type: string, at: number, fields: Record<string, unknown> = {}): void => {
      // Counted even when skipped, so an event keeps its id whatever the time of the run.
      const id = `${key}-${(k += 1)}`;
      if (at > Date.now()) return;
      lines.push(
        JSON.stringify({
          id,
          type,
          ticket: key,
          at: new Date(at).toISOString(),
          ...fields,
        }),
      );
    };
    // Office hours, weekdays busier: 08:00–18:00 UTC on a random day of the four weeks.
    const day = Math.floor(rand() * 28);
    let clock = start + day * DAY + 8 * 60 * MINUTE + rand() * 10 * 60 * MINUTE;
    const createdAt = clock;
    const channel = pick(CHANNELS);
    const agent = pick(options.agentEmails);
    const account = rand() < 0.6 ? pick(options.accountNumbers) : undefined;
    push('ticket.created', clock, {
      channel,
      subject: `Billing question #${n + 1}`,
      category: pick(CATEGORIES),
      priority: rand() < 0.15 ? 'high' : 'normal',
      requester: { email: `customer${n % 97}@example.com` },
      ...(account ? { account } : {}),
    });
    push('message', clock, {
      author: 'customer',
      visibility: 'public',
      body: 'Could you look into my bill, please?',
    });
    push('ticket.assigned', (clock += minutes(1, 30)), { agent });
    // Only the last two days' tickets may still be waiting or open: a desk works its backlog.
    const recent = day >= 26;
    if (rand() < 0.08 && recent) continue; // still waiting in the queue
    const firstContact = (clock += minutes(5, channel === 'chat' ? 20 : 300));
    if (channel === 'phone') {
      push('call', firstContact, {
        agent,
        direction: 'inbound',
        endedAt: new Date(firstContact + minutes(3, 18)).toISOString(),
        holdSeconds: Math.floor(rand() * 120),
        wrapUpSeconds: 30 + Math.floor(rand() * 150),
      });
    } else {
      const workStart = Math.max(createdAt + MINUTE, firstContact - minutes(2, 12));
      push('work', workStart, { agent, endedAt: new Date(firstContact).toISOString() });
      push('message', firstContact, {
        author: 'agent',
        agent,
        visibility: 'public',
        body: 'Thanks, checking now.',
      });
    }
    if (rand() < 0.35) {
      push('message', (clock += minutes(30, 600)), {
        author: 'customer',
        visibility: 'public',
        body: 'Any news?',
      });
      push('message', (clock += minutes(10, 240)), {
        author: 'agent',
        agent,
        visibility: 'public',
        body: 'Fixed.',
      });
    }
    if (rand() < 0.12 && recent) continue; // open, pending
    push('ticket.solved', (clock += minutes(5, 90)), { agent });
    if (rand() < 0.08) {
      push('ticket.reopened', (clock += minutes(120, 2000)));
      push('message', (clock += minutes(10, 200)), {
        author: 'agent',
        agent,
        visibility: 'public',
        body: 'Corrected.',
      });
      push('ticket.solved', (clock += minutes(5, 60)), { agent });
    }
    if (rand() < 0.45) {
      const rating = rand() < 0.78 ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
      push('csat', clock + minutes(60, 1500), { rating });
    }
    // Solved tickets close after four quiet days, as the desk's automation would.
    push('ticket.closed', clock + 4 * DAY);
  }
  return lines;
}
