import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentKpiPage, AgentKpis } from '../shared/api-types';
import { testSession, WithSession } from '../shared/test-session';
import { ScorecardPage } from './scorecard-page';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

const ADA = { agentId: 'a1', name: 'Ada', resolved: 30, reopens: 10 } as AgentKpis;

const PAGE: AgentKpiPage = {
  from: '2026-11-25',
  to: '2026-11-25',
  timezone: 'UTC',
  agents: [ADA],
  targets: { a1: { reopenRate: { target: 0.05, direction: 'at_most', met: false } } },
};

function renderScorecard() {
  const get = vi.fn((path: string) => Promise.resolve(path.endsWith('/daily') ? { days: [] } : PAGE));
  render(
    <WithSession session={testSession({ get })}>
      <ScorecardPage />
    </WithSession>,
  );
}

describe('<ScorecardPage>', () => {
  it('says which day today is as people read it', async () => {
    renderScorecard();
    expect(await screen.findByText(/today is Wed 25 Nov 2026/)).toBeTruthy();
    expect(screen.queryByText(/2026-11-25/)).toBeNull();
  });

  it('shows the reopen rate the target judges next to the count of reopens', async () => {
    renderScorecard();
    const table = await screen.findByRole('table');
    const today = table.querySelector('[data-kpi="reopens-today"]')!;
    expect(today.textContent).toMatch(/^10 · 33\.3 % ✗/);
    expect(today.textContent).toContain('misses the target of at most 5 %');
  });
});
