import { useEffect, useRef, useState } from 'react';
import type { QueueMetrics } from '../live/live-types';

/** Period tables reload at most this often for live changes (each reload is a KPI query per day). */
export const REFRESH_MIN_INTERVAL_MS = 5_000;
/** A burst of pushes (one per committed change) becomes one reload. */
export const REFRESH_DEBOUNCE_MS = 1_000;

/** Decides when a reload asked for at `now` runs: after the debounce, and never sooner than the interval. */
export class RefreshLimiter {
  private last = Number.NEGATIVE_INFINITY;
  private pending = false;

  constructor(
    private readonly minIntervalMs = REFRESH_MIN_INTERVAL_MS,
    private readonly debounceMs = REFRESH_DEBOUNCE_MS,
  ) {}

  /** The delay until the reload, or null when one is already scheduled (it will see this change too). */
  request(now: number): number | null {
    if (this.pending) return null;
    this.pending = true;
    return Math.max(this.debounceMs, this.last + this.minIntervalMs - now);
  }

  ran(now: number): void {
    this.pending = false;
    this.last = now;
  }
}

/**
 * A version number that goes up when a live `queue.metrics` push changes today's figures and the
 * period [from, to] contains the desk's today: the period's tables and charts reload on it instead
 * of polling.
 */
export function useTodayRefresh(today: QueueMetrics['today'] | undefined, from: string, to: string): number {
  const [version, setVersion] = useState(0);
  const previous = useRef<string | null>(null);
  const limiter = useRef(new RefreshLimiter());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const signature = today ? JSON.stringify(today) : null;
  const inPeriod = today !== undefined && from <= today.date && today.date <= to;

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const before = previous.current;
    previous.current = signature;
    // The first figures seen are what the tables just loaded; only a change needs a reload.
    if (signature === null || before === null || before === signature || !inPeriod) return;
    const delay = limiter.current.request(Date.now());
    if (delay === null) return;
    timer.current = setTimeout(() => {
      limiter.current.ran(Date.now());
      setVersion((value) => value + 1);
    }, delay);
    // Only a new signature is a change; the period is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  return version;
}
