import { useState } from 'react';
import { useLive } from '../live/live-context';
import { addDays } from '../shared/format';
import { useDeskToday } from '../scorecard/use-desk-day';
import { AgentTable } from './agent-table';
import { CHART_DAYS, DeskCharts } from './desk-charts';
import { LiveMetrics } from './live-metrics';
import { useTodayRefresh } from './use-today-refresh';

/**
 * Supervisor dashboard: the live queue (pushed), then scorecards and charts for a chosen period,
 * reloaded when a push changes today's figures and the period includes today.
 */
export function DashboardPage() {
  const { today, timeZone } = useDeskToday();
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const from = period?.from ?? addDays(today, -13);
  const to = period?.to ?? today;
  const valid = from <= to;
  const refresh = useTodayRefresh(useLive().metrics?.today, from, to);

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Supervisor dashboard</h1>
      <LiveMetrics />
      <form className="period" aria-label="Period" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input
            type="date"
            value={from}
            max={to}
            onChange={(event) => event.target.value && setPeriod({ from: event.target.value, to })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={to}
            min={from}
            onChange={(event) => event.target.value && setPeriod({ from, to: event.target.value })}
          />
        </label>
        <span className="muted">
          Desk days in {timeZone}; charts show the last {CHART_DAYS} days of the period at most.
        </span>
      </form>
      {valid ? (
        <>
          <AgentTable from={from} to={to} refresh={refresh} />
          <DeskCharts from={from} to={to} refresh={refresh} />
        </>
      ) : (
        <p className="form-error" role="alert">
          The period must not end before it starts.
        </p>
      )}
    </section>
  );
}
