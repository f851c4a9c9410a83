import type { TimelineEntry } from '../shared/api-types';
import { clock, label } from '../shared/format';
import { formatMoney } from '../shared/money';

/** How the timeline shows an event: its visual kind, a headline and optional detail lines. */
export type EntryKind =
  'customer' | 'reply' | 'note' | 'call' | 'status' | 'csat' | 'billing' | 'work' | 'change';

export interface DescribedEntry {
  kind: EntryKind;
  title: string;
  details: string[];
}

function str(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);

/** An agent's name by id (from GET /api/agents); undefined when not known. */
export type AgentNames = (agentId: string) => string | undefined;

/** Other names the timeline can show when the page knows them; undefined when not known. */
export interface OtherNames {
  team?: (teamId: string) => string | undefined;
  account?: (accountId: string) => string | undefined;
}

export function describeEntry(
  entry: TimelineEntry,
  agentName: AgentNames = () => undefined,
  names: OtherNames = {},
): DescribedEntry {
  const who = entry.actor.name ?? (entry.actor.kind === 'customer' ? 'Customer' : label(entry.actor.kind));
  const p = entry.payload;
  switch (entry.type) {
    case 'message': {
      const kind = entry.message?.kind ?? str(p.visibility);
      if (kind === 'customer')
        return { kind: 'customer', title: `${customerName(p.author)} wrote`, details: [] };
      if (kind === 'note') return { kind: 'note', title: `Internal note by ${who}`, details: [] };
      return { kind: 'reply', title: `Public reply by ${who}`, details: [] };
    }
    case 'call': {
      const seconds = (Date.parse(str(p.endedAt)) - Date.parse(entry.at)) / 1000;
      const details = [
        `Duration ${Number.isFinite(seconds) ? clock(seconds) : '—'}`,
        `hold ${clock(num(p.holdSeconds))}`,
        `wrap-up ${clock(num(p.wrapUpSeconds))}`,
      ];
      if (p.outcome) details.push(`outcome: ${str(p.outcome)}`);
      return {
        kind: 'call',
        title: `${label(str(p.direction ?? 'phone'))} call by ${who}`,
        details: [details.join(' · ')],
      };
    }
    case 'ticket.created':
      return { kind: 'status', title: `Ticket opened via ${str(p.channel)}`, details: [] };
    case 'ticket.status_changed':
    case 'ticket.priority_changed':
    case 'ticket.category_changed': {
      const field = entry.type.replace('ticket.', '').replace('_changed', '');
      const kind = field === 'status' ? 'status' : 'change';
      return {
        kind,
        title: `${who} changed ${field} ${label(str(p.from))} → ${label(str(p.to))}`,
        details: [],
      };
    }
    case 'ticket.subject_changed':
      return {
        kind: 'change',
        title: `${who} changed the subject`,
        details: [`“${str(p.from)}” → “${str(p.to)}”`],
      };
    case 'ticket.tags_changed': {
      const details = [
        ...(list(p.added).length ? [`added ${list(p.added).join(', ')}`] : []),
        ...(list(p.removed).length ? [`removed ${list(p.removed).join(', ')}`] : []),
      ];
      return { kind: 'change', title: `${who} changed the tags`, details };
    }
    case 'ticket.team_changed': {
      if (!p.teamId) return { kind: 'change', title: `${who} took the ticket out of its team`, details: [] };
      const team = names.team?.(str(p.teamId));
      return { kind: 'change', title: `${who} moved the ticket to ${team ?? 'another team'}`, details: [] };
    }
    case 'ticket.solved':
      return { kind: 'status', title: `Solved by ${who}`, details: [] };
    case 'ticket.reopened':
      return {
        kind: 'status',
        title: `Reopened${entry.actor.kind === 'customer' ? ' by the customer' : ` by ${who}`}`,
        details: [],
      };
    case 'ticket.closed':
      if (p.reason === 'auto_close') {
        const days = num(p.afterDays);
        return {
          kind: 'status',
          title: 'Closed automatically',
          details: [`${days} day${days === 1 ? '' : 's'} after it was solved`],
        };
      }
      return {
        kind: 'status',
        title: entry.actor.kind === 'agent' ? `Closed by ${who}` : 'Closed',
        details: [],
      };
    case 'ticket.assigned': {
      if (!p.agentId) return { kind: 'change', title: `Unassigned by ${who}`, details: [] };
      const assignee =
        agentName(str(p.agentId)) ?? (typeof p.agentName === 'string' ? p.agentName : 'another agent');
      const self = entry.actor.kind === 'agent' && entry.actor.id === p.agentId;
      return {
        kind: 'change',
        title: self ? `${assignee} took the ticket` : `Assigned to ${assignee} by ${who}`,
        details: p.reason === 'solved' ? ['on solving it'] : [],
      };
    }
    case 'ticket.account_linked': {
      const account = p.accountId ? names.account?.(str(p.accountId)) : undefined;
      return {
        kind: 'billing',
        title: p.accountId
          ? `Customer account ${account ? `${account} ` : ''}linked by ${who}`
          : `Customer account unlinked by ${who}`,
        details: p.reason === 'manual' || !p.reason ? [] : [`via ${label(str(p.reason))}`],
      };
    }
    case 'csat': {
      const rating = num(p.rating);
      return {
        kind: 'csat',
        title: `Customer rated ${rating}/5 ${'★'.repeat(rating)}${'☆'.repeat(Math.max(0, 5 - rating))}`,
        details: p.comment ? [`“${str(p.comment)}”`] : [],
      };
    }
    case 'csat.sent':
      return { kind: 'csat', title: 'Satisfaction survey sent', details: [] };
    case 'billing.action':
      return { kind: 'billing', title: `${label(str(p.action))} by ${who}`, details: billingDetails(p) };
    case 'work.started':
      return { kind: 'work', title: `${who} started working`, details: [] };
    case 'ticket.request_link_reset':
      return {
        kind: 'change',
        title: `Request page links reset by ${who}`,
        details: ['Links in the emails sent before no longer work'],
      };
    case 'work': {
      const seconds = (Date.parse(str(p.endedAt)) - Date.parse(entry.at)) / 1000;
      const duration = `Duration ${Number.isFinite(seconds) ? clock(seconds) : '—'}`;
      const ending = WORK_ENDINGS[str(p.reason)];
      return {
        kind: 'work',
        title: `${who} worked on it`,
        details: [ending ? `${duration} · ${ending}` : duration],
      };
    }
    default:
      return { kind: 'change', title: `${label(entry.type)} by ${who}`, details: [] };
  }
}

/**
 * How a work session ended (work_sessions.end_reason), as the timeline says it. An imported
 * session ("imported") says nothing more: the entry's "Imported" badge already does.
 */
const WORK_ENDINGS: Record<string, string> = {
  stopped: 'ended when the agent left the ticket',
  idle: 'ended after inactivity',
};

/** The author of a customer message: a name or address when the payload has one, else "Customer". */
function customerName(author: unknown): string {
  if (author && typeof author === 'object') {
    const named = author as { name?: unknown; email?: unknown };
    if (typeof named.name === 'string' && named.name) return named.name;
    if (typeof named.email === 'string' && named.email) return named.email;
  }
  return typeof author === 'string' && author !== 'customer' ? author : 'Customer';
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);

/** Billing fields whose values are codes ("credit_note"), shown as words ("Credit note"). */
const CODED_BILLING_FIELDS = new Set(['method', 'kind', 'reasonCode', 'status']);
const BILLING_FIELD_NAMES: Record<string, string> = { reasonCode: 'Reason' };

function billingDetails(payload: Record<string, unknown>): string[] {
  const after = (payload.after ?? {}) as Record<string, unknown>;
  const details: string[] = [];
  const currency = typeof after.currency === 'string' ? after.currency : null;
  const amount = after.amount ?? after.amountMinor;
  if (currency && amount !== undefined) details.push(formatMoney(num(amount), currency));
  for (const key of ['number', 'reference', 'method', 'kind', 'reasonCode', 'reason', 'status']) {
    if (after[key] === undefined || after[key] === null) continue;
    const value = CODED_BILLING_FIELDS.has(key) ? label(str(after[key])) : str(after[key]);
    details.push(`${BILLING_FIELD_NAMES[key] ?? label(key)}: ${value}`);
  }
  return details.length ? [details.join(' · ')] : [];
}
