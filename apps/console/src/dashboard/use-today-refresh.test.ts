import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueMetrics } from '../live/live-types';
import { RefreshLimiter, useTodayRefresh } from './use-today-refresh';

const today = (resolved: number, date = '2026-11-25'): QueueMetrics['today'] => ({
  date,
  timezone: 'UTC',
  created: 4,
  resolved,
  fcrRate: null,
  ahtSeconds: null,
  frtMedianSeconds: null,
  frtBusinessMedianSeconds: null,
  csatScore: null,
  csatResponses: 0,
});

describe('RefreshLimiter', () => {
  it('debounces the first reload and keeps later ones at least the interval apart', () => {
    const limiter = new RefreshLimiter(5000, 1000);
    expect(limiter.request(0)).toBe(1000);
    expect(limiter.request(200)).toBeNull();
    limiter.ran(1000);
    expect(limiter.request(2000)).toBe(4000);
    limiter.ran(6000);
    expect(limiter.request(20_000)).toBe(1000);
  });
});

/** Moves the fake clock inside act (a synchronous act: its returned thenable has nothing to wait for). */
function advance(ms: number): void {
  void act(() => {
    vi.advanceTimersByTime(ms);
  });
}

describe('useTodayRefresh', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function render(from: string, to: string) {
    return renderHook(({ figures }) => useTodayRefresh(figures, from, to), {
      initialProps: { figures: today(1) },
    });
  }

  it("reloads once per burst of pushes that change today's figures, at most every 5 s", () => {
    const hook = render('2026-11-12', '2026-11-25');
    hook.rerender({ figures: today(1) });
    advance(10_000);
    expect(hook.result.current).toBe(0);

    hook.rerender({ figures: today(2) });
    hook.rerender({ figures: today(3) });
    advance(999);
    expect(hook.result.current).toBe(0);
    advance(1);
    expect(hook.result.current).toBe(1);

    hook.rerender({ figures: today(4) });
    advance(4_999);
    expect(hook.result.current).toBe(1);
    advance(1);
    expect(hook.result.current).toBe(2);
  });

  it('leaves a period without today alone', () => {
    const hook = render('2026-10-01', '2026-10-31');
    hook.rerender({ figures: today(2) });
    advance(10_000);
    expect(hook.result.current).toBe(0);
  });

  it('does not reload for the first figures it sees (the tables just loaded them)', () => {
    const hook = renderHook(({ figures }) => useTodayRefresh(figures, '2026-11-01', '2026-11-30'), {
      initialProps: { figures: undefined as QueueMetrics['today'] | undefined },
    });
    hook.rerender({ figures: today(5) });
    advance(10_000);
    expect(hook.result.current).toBe(0);
  });
});
