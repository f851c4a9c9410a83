/**
 * A realistic desk history for the KPI benchmark, as the history import reads it (NDJSON, one
 * event per line), in the order a desk would export it: by time across all tickets, so a ticket's
 * events are spread over many import batches like a real export's.
 *
 * About ten events per ticket: created, customer message, assigned, work sessions, replies or
 * calls, internal notes, back-and-forth rounds, solves, some reopens (with a second solve), CSAT
 * with some re-ratings, closes. Most tickets belong to a customer account, and accounts come back
 * (often within the FCR window, in the same category), so FCR and repeat contacts are exercised.
 * Deterministic: the same arguments always write the same file.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../../support/seeded-random';

export const BENCH_AGENT_COUNT = 60;
export const BENCH_ACCOUNT_COUNT = 25_000;
export const benchAgentEmail = (n: number): string => `agent${n}@kpi-bench.example`;
export const benchAccountNumber = (n: number): string => `KB-ACC-${n}`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The history ends a while before today, so no imported event lies in the future. */
const END = Date.UTC(2026, 0, 1);
/** Tickets a day: 100,000 tickets are about half a year of a mid-sized billing desk. */
const TICKETS_PER_DAY = 550;

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
const CHANNELS = ['email', 'email', 'email', 'chat', 'chat', 'phone', 'web', 'api'] as const;
const WORDS =
  'invoice charge refund card payment plan account balance credit statement period renewal discount tax direct debit reminder'.split(
    ' ',
  );

interface Line {
  id: string;
  type: string;
  ticket: string;
  at: string;
  [field: string]: unknown;
}

/** A binary min-heap of lines by time (ties by insertion order), for the export's time order. */
class LineHeap {
  private readonly items: { ms: number; seq: number; line: Line }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peekMs(): number {
    return this.items[0].ms;
  }

  push(ms: number, line: Line): void {
    const items = this.items;
    items.push({ ms, seq: this.seq++, line });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): Line {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(left, smallest)) smallest = left;
        if (right < items.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top.line;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    return x.ms < y.ms || (x.ms === y.ms && x.seq < y.seq);
  }
}

class HistoryGenerator {
  private readonly rand = seededRandom(20261125);
  /** Each account's most recent category, so a returning customer often asks about the same thing. */
  private readonly accountCategory = new Map<number, string>();

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)];
  }

  private between(min: number, max: number): number {
    return Math.round(min + this.rand() * (max - min));
  }

  private text(words: number): string {
    return Array.from({ length: words }, () => this.pick(WORDS)).join(' ');
  }

  /** Accounts by a skewed draw: a few accounts write often, most rarely. */
  private account(): number {
    return Math.floor(Math.pow(this.rand(), 1.6) * BENCH_ACCOUNT_COUNT);
  }

  /** One ticket's events (times in ms), about ten on average. */
  ticket(n: number, createdAt: number, emit: (ms: number, line: Line) => void): number {
    const key = `KB-${n}`;
    let k = 0;
    let count = 0;
    const push = (type: string, ms: number, fields: Record<string, unknown> = {}): void => {
      count += 1;
      emit(ms, { id: `${key}-${(k += 1)}`, type, ticket: key, at: new Date(ms).toISOString(), ...fields });
    };
    const rand = this.rand;
    const channel = this.pick(CHANNELS);
    const owner = benchAgentEmail(Math.floor(rand() * BENCH_AGENT_COUNT));
    const colleague = (): string => benchAgentEmail(Math.floor(rand() * BENCH_AGENT_COUNT));
    const linked = rand() < 0.75 ? this.account() : undefined;
    const previous = linked === undefined ? undefined : this.accountCategory.get(linked);
    const category = previous && rand() < 0.6 ? previous : this.pick(CATEGORIES);
    if (linked !== undefined) this.accountCategory.set(linked, category);

    let clock = createdAt;
    const after = (minMinutes: number, maxMinutes: number): number =>
      (clock += this.between(minMinutes * MINUTE, maxMinutes * MINUTE));
    const customer = (): void =>
      push('message', after(5, 600), {
        author: 'customer',
        visibility: 'public',
        body: `Hello, about my ${this.text(this.between(8, 40))}`,
      });
    const reply = (agent: string): void =>
      push('message', after(3, channel === 'chat' ? 15 : 240), {
        author: 'agent',
        agent,
        visibility: 'public',
        body: `Thanks for writing. ${this.text(this.between(10, 60))}`,
      });
    const work = (agent: string): void => {
      const start = after(1, 60);
      push('work', start, {
        agent,
        endedAt: new Date(start + this.between(MINUTE, 25 * MINUTE)).toISOString(),
      });
    };
    const call = (agent: string, direction: string): void => {
      const start = after(2, 120);
      const seconds = this.between(60, 1500);
      push('call', start, {
        agent,
        direction,
        endedAt: new Date(start + seconds * 1000).toISOString(),
        holdSeconds: Math.floor(rand() * Math.min(180, seconds / 2)),
        wrapUpSeconds: this.between(0, 240),
      });
    };

    push('ticket.created', clock, {
      channel,
      subject: `About my ${this.text(3)}`,
      category,
      priority: rand() < 0.05 ? 'urgent' : rand() < 0.15 ? 'high' : rand() < 0.2 ? 'low' : 'normal',
      requester: { email: `customer${linked ?? n}@example.com`, name: `Customer ${linked ?? n}` },
      ...(linked !== undefined ? { account: benchAccountNumber(linked) } : {}),
    });
    if (channel !== 'phone') customer();
    push('ticket.assigned', after(1, 45), { agent: owner });
    if (rand() < 0.05) return count; // still waiting for a first response

    if (channel === 'phone') call(owner, 'inbound');
    else {
      work(owner);
      reply(owner);
    }
    if (rand() < 0.3)
      push('message', after(5, 120), {
        author: 'agent',
        agent: colleague(),
        visibility: 'internal',
        body: `Note: ${this.text(this.between(5, 25))}`,
      });
    const rounds = rand() < 0.45 ? (rand() < 0.5 ? 1 : 2) : 0;
    for (let r = 0; r < rounds; r += 1) {
      customer();
      if (rand() < 0.5) work(owner);
      if (rand() < 0.15) call(owner, 'outbound');
      else reply(owner);
    }
    if (rand() < 0.1) return count; // still open

    // Now and then a colleague picks the ticket up and solves it.
    const solver = rand() < 0.1 ? colleague() : owner;
    if (solver !== owner) push('ticket.assigned', after(10, 300), { agent: solver });
    push('ticket.solved', after(2, 120), { agent: solver });
    if (rand() < 0.1) {
      push('ticket.reopened', after(60, 3000));
      customer();
      work(solver);
      reply(solver);
      push('ticket.solved', after(2, 120), { agent: solver });
    }
    if (rand() < 0.5) {
      const rating = rand() < 0.75 ? this.between(4, 5) : this.between(1, 3);
      push('csat', after(30, 1440), { rating, ...(rand() < 0.3 ? { comment: this.text(6) } : {}) });
      // A customer now and then changes their mind: the later rating counts.
      if (rand() < 0.1) push('csat', after(60, 2880), { rating: this.between(1, 5) });
    }
    if (rand() < 0.6) push('ticket.closed', after(3 * 24 * 60, 4 * 24 * 60));
    return count;
  }
}

/**
 * Writes about `events` lines (whole tickets; stops at the first ticket that reaches the count)
 * in time order. Returns the number of lines and tickets written.
 */
export async function writeKpiHistory(
  path: string,
  events: number,
): Promise<{ events: number; tickets: number }> {
  const out = createWriteStream(path);
  const generator = new HistoryGenerator();
  const heap = new LineHeap();
  const rand = seededRandom(7);
  // Creation times across the span, with the day's rhythm: office hours are busier.
  const expectedTickets = Math.ceil(events / 10);
  let clock = END - Math.ceil(expectedTickets / TICKETS_PER_DAY) * DAY - 5 * DAY;
  let generated = 0;
  let tickets = 0;
  let written = 0;
  let pending: string[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending.join('\n') + '\n';
    pending = [];
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const emitUntil = async (ms: number): Promise<void> => {
    while (heap.size > 0 && heap.peekMs() <= ms) {
      pending.push(JSON.stringify(heap.pop()));
      written += 1;
      if (pending.length >= 5000) await flush();
    }
  };
  while (generated < events) {
    const hour = new Date(clock).getUTCHours();
    const busy = hour >= 8 && hour < 18 ? 2.2 : 0.35;
    clock += Math.max(1000, Math.round((-Math.log(1 - rand()) * DAY) / TICKETS_PER_DAY / busy));
    await emitUntil(clock);
    generated += generator.ticket(tickets, clock, (ms, line) => heap.push(ms, line));
    tickets += 1;
  }
  await emitUntil(Number.POSITIVE_INFINITY);
  await flush();
  out.end();
  await once(out, 'finish');
  return { events: written, tickets };
}

// `node -r ts-node/register/transpile-only kpi-history.ts FILE EVENTS`: how the bench runs it,
// in a child process of its own.
if (require.main === module) {
  const [path, events] = process.argv.slice(2);
  writeKpiHistory(path, Number(events)).then(
    (written) => console.log(`  ${written.events} events of ${written.tickets} tickets`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
