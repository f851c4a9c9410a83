import { useSession } from '../auth/session';
import type { AgentKpiPage, DailyKpis } from '../shared/api-types';
import { addDays, calendarDay } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { TargetMark, targetKpiOf } from '../targets/target-mark';
import { useResource } from '../shared/use-resource';
import { KPIS, series, shownFigure } from './kpi-format';
import { Sparkline } from './sparkline';
import { useDeskToday } from './use-desk-day';

const SPARK_DAYS = 30;

/** The agent's own KPIs: today, this month so far, and the last 30 days as a sparkline each. */
export function ScorecardPage() {
  const { api, me } = useSession();
  const { today, timeZone } = useDeskToday();
  const monthStart = `${today.slice(0, 8)}01`;
  const mine = (page: AgentKpiPage) => ({
    figures: page.agents.find((row) => row.agentId === me.id),
    targets: page.targets?.[me.id] ?? {},
  });
  const data = useResource(async () => {
    const [day, month, daily] = await Promise.all([
      api.get<AgentKpiPage>('/api/kpis/agents', { from: today, to: today }),
      api.get<AgentKpiPage>('/api/kpis/agents', { from: monthStart, to: today }),
      api.get<{ days: DailyKpis[] }>(`/api/kpis/agents/${me.id}/daily`, {
        from: addDays(today, -(SPARK_DAYS - 1)),
        to: today,
      }),
    ]);
    return { today: mine(day), month: mine(month), days: daily.days };
  }, `${me.id}|${today}`);
  const loaded = data.data;

  return (
    <section aria-labelledby="scorecard-title">
      <h1 id="scorecard-title">My scorecard</h1>
      <p className="muted">
        {me.name} · desk days in {timeZone} · today is {calendarDay(today, { weekday: true })}
      </p>
      {Boolean(data.error) && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
      {!data.data && !data.error && <Loading what="your KPIs" />}
      {loaded && (
        <table className="scorecard">
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Today</th>
              <th scope="col">This month</th>
              <th scope="col">Last {SPARK_DAYS} days</th>
            </tr>
          </thead>
          <tbody>
            {KPIS.map((kpi) => {
              const target = targetKpiOf(kpi.key);
              const cell = (period: 'today' | 'month') => {
                const { figures, targets } = loaded[period];
                return (
                  <td data-kpi={`${kpi.key}-${period}`}>
                    {shownFigure(figures, kpi.key, kpi.format)}{' '}
                    {target && <TargetMark kpi={target} target={targets[target]} />}
                  </td>
                );
              };
              return (
                <tr key={kpi.key}>
                  <th scope="row">{kpi.label}</th>
                  {cell('today')}
                  {cell('month')}
                  <td>
                    <Sparkline
                      values={series(loaded.days, kpi.key)}
                      title={`${kpi.label}, daily, last ${SPARK_DAYS} days`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
