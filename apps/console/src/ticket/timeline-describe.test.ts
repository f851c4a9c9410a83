import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../shared/api-types';
import { describeEntry } from './timeline-describe';

const entry = (type: string, payload: Record<string, unknown>, actorId = 'ada'): TimelineEntry => ({
  id: '1',
  type,
  at: '2026-11-25T10:00:00Z',
  recordedAt: '2026-11-25T10:00:00Z',
  source: 'api',
  actor: { kind: 'agent', id: actorId, name: 'Ada' },
  payload,
});
const names = (id: string) => ({ ada: 'Ada', grace: 'Grace' })[id];

describe('describeEntry', () => {
  it('names the new assignee of an "assigned" entry from the agents list', () => {
    expect(
      describeEntry(entry('ticket.assigned', { agentId: 'grace', previousAgentId: null }), names).title,
    ).toBe('Assigned to Grace by Ada');
  });

  it('says an agent took the ticket themselves, and unassigned without a name', () => {
    expect(describeEntry(entry('ticket.assigned', { agentId: 'ada' }), names).title).toBe(
      'Ada took the ticket',
    );
    expect(describeEntry(entry('ticket.assigned', { agentId: null }), names).title).toBe('Unassigned by Ada');
  });

  it('falls back when the assignee is not among the known agents', () => {
    expect(describeEntry(entry('ticket.assigned', { agentId: 'gone' }), names).title).toBe(
      'Assigned to another agent by Ada',
    );
  });

  it('says who closed a ticket, or that it closed by itself after being solved', () => {
    expect(describeEntry(entry('ticket.closed', { from: 'solved', to: 'closed' })).title).toBe(
      'Closed by Ada',
    );
    const automatic = describeEntry({
      ...entry('ticket.closed', { from: 'solved', to: 'closed', reason: 'auto_close', afterDays: 14 }),
      actor: { kind: 'system', id: null, name: null },
    });
    expect(automatic).toEqual({
      kind: 'status',
      title: 'Closed automatically',
      details: ['14 days after it was solved'],
    });
  });

  it('describes a linked customer account', () => {
    expect(
      describeEntry(entry('ticket.account_linked', { accountId: 'acc-1', reason: 'manual' })).title,
    ).toBe('Customer account linked by Ada');
  });

  it('says who stopped the request page links sent so far', () => {
    expect(describeEntry(entry('ticket.request_link_reset', {}))).toEqual({
      kind: 'change',
      title: 'Request page links reset by Ada',
      details: ['Links in the emails sent before no longer work'],
    });
  });

  it('gives a work session its duration and how it ended, not a raw timestamp', () => {
    const worked = describeEntry(entry('work', { endedAt: '2026-11-25T10:12:30Z', reason: 'idle' }));
    expect(worked.title).toBe('Ada worked on it');
    expect(worked.details).toEqual(['Duration 12:30 · ended after inactivity']);
    expect(
      describeEntry(entry('work', { endedAt: '2026-11-25T11:00:05Z', reason: 'imported' })).details,
    ).toEqual(['Duration 1:00:05']);
  });

  it('words field changes alike, with values as words', () => {
    expect(describeEntry(entry('ticket.priority_changed', { from: 'normal', to: 'high' })).title).toBe(
      'Ada changed priority Normal → High',
    );
    expect(describeEntry(entry('ticket.status_changed', { from: 'on_hold', to: 'open' })).title).toBe(
      'Ada changed status On hold → Open',
    );
    expect(
      describeEntry(entry('ticket.category_changed', { from: 'other', to: 'duplicate_charge' })).title,
    ).toBe('Ada changed category Other → Duplicate charge');
  });

  it('says which tags were added and removed, and the new subject', () => {
    const tagged = describeEntry(entry('ticket.tags_changed', { added: ['refund', 'q4'], removed: ['vip'] }));
    expect(tagged).toMatchObject({
      title: 'Ada changed the tags',
      details: ['added refund, q4', 'removed vip'],
    });
    expect(
      describeEntry(entry('ticket.subject_changed', { from: 'Invoice', to: 'Invoice 1042' })).details,
    ).toEqual(['“Invoice” → “Invoice 1042”']);
  });

  it('names the team a ticket moved to and the account linked, when the page knows them', () => {
    const others = {
      team: (id: string) => ({ t1: 'Collections' })[id],
      account: (id: string) => ({ 'acc-1': 'Harbour Lights (CT-4004)' })[id],
    };
    expect(describeEntry(entry('ticket.team_changed', { teamId: 't1' }), names, others).title).toBe(
      'Ada moved the ticket to Collections',
    );
    expect(
      describeEntry(entry('ticket.account_linked', { accountId: 'acc-1', reason: 'manual' }), names, others)
        .title,
    ).toBe('Customer account Harbour Lights (CT-4004) linked by Ada');
  });

  it('shows billing codes as words', () => {
    const adjusted = describeEntry(
      entry('billing.action', {
        action: 'adjustment.proposed',
        after: {
          kind: 'credit_note',
          reasonCode: 'duplicate_charge',
          status: 'pending_approval',
          method: 'card',
        },
      }),
    );
    expect(adjusted.details).toEqual([
      'Method: Card · Kind: Credit note · Reason: Duplicate charge · Status: Pending approval',
    ]);
  });
});
