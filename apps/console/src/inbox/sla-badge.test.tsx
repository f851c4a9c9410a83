import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlaTarget } from '../shared/api-types';
import { testSession, testTicket, WithSession } from '../shared/test-session';
import { SlaBadge } from './sla-badge';

afterEach(cleanup);

const target = (overrides: Partial<SlaTarget>): SlaTarget => ({
  dueAt: '2026-11-25T13:00:00Z',
  completedAt: null,
  pausedSince: null,
  state: 'pending',
  ...overrides,
});

function renderBadge(firstResponse: SlaTarget, resolution: SlaTarget) {
  render(
    <WithSession session={testSession({})}>
      <SlaBadge ticket={testTicket({ sla: { firstResponse, resolution } })} />
    </WithSession>,
  );
}

describe('SlaBadge', () => {
  it('shows the running target due first', () => {
    renderBadge(
      target({ dueAt: '2026-11-25T10:00:00Z', state: 'breached' }),
      target({ dueAt: '2026-11-26T09:00:00Z' }),
    );
    expect(screen.getByTitle('First response target').textContent).toBe('Breached · 25 Nov, 10:00');
  });

  it('shows a paused resolution as paused, with since when, not as breached', () => {
    renderBadge(
      target({ completedAt: '2026-11-25T09:30:00Z', state: 'met' }),
      target({ dueAt: '2026-11-25T08:00:00Z', pausedSince: '2026-11-25T07:00:00Z', state: 'paused' }),
    );
    const badge = screen.getByTitle('Resolution target paused while the ticket waits for the customer');
    expect(badge.textContent).toBe('Paused since 25 Nov, 07:00');
    expect(badge.className).toBe('sla sla-paused');
  });

  it('prefers a running first response to a paused resolution that was due earlier', () => {
    renderBadge(
      target({ dueAt: '2026-11-25T10:00:00Z', state: 'due_soon' }),
      target({ dueAt: '2026-11-25T08:00:00Z', pausedSince: '2026-11-25T07:00:00Z', state: 'paused' }),
    );
    expect(screen.getByTitle('First response target').textContent).toBe('Due soon · 25 Nov, 10:00');
  });
});
