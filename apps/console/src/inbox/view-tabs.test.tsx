import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyConsoleStyles, computedColour, contrast } from '../shared/test-styles';
import { testSession, WithSession } from '../shared/test-session';
import { ViewTabs } from './view-tabs';

vi.mock('../live/live-context', () => ({
  useLive: () => ({
    counts: { views: { mine: 1, unassigned: 4, team: 5, all: 9, pending: 2, breachingSoon: 0 } },
  }),
  useLiveEvent: () => undefined,
}));

beforeAll(applyConsoleStyles);
afterEach(cleanup);

function renderTabs() {
  render(
    <WithSession session={testSession({ get: vi.fn() })}>
      <ViewTabs current="team" onSelect={() => undefined} />
    </WithSession>,
  );
}

describe('<ViewTabs>', () => {
  it('keeps the active tab readable under the pointer', () => {
    renderTabs();
    const active = screen.getByRole('button', { name: /My teams/ });
    expect(active.getAttribute('aria-current')).toBe('page');
    const readable = (tab: HTMLElement) =>
      contrast(computedColour(tab, 'color'), computedColour(tab, 'background'));
    expect(readable(active)).toBeGreaterThanOrEqual(4.5);
    active.classList.add('test-hover');
    expect(readable(active)).toBeGreaterThanOrEqual(4.5);
    const other = screen.getByRole('button', { name: /Pending/ });
    other.classList.add('test-hover');
    expect(readable(other)).toBeGreaterThanOrEqual(4.5);
  });

  it('counts one ticket as "1 ticket"', () => {
    renderTabs();
    expect(screen.getByLabelText('1 ticket').textContent).toBe('1');
    expect(screen.getByLabelText('4 tickets').textContent).toBe('4');
  });
});
