import { useSession } from '../auth/session';
import type { AgentKpiPage, DailyKpis, KpiFigures } from '../shared/api-types';
import { addDays } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';
import { KPIS, kpiValue, series } from './kpi-format';
import { Sparkline } from './sparkline';
import { useDeskToday } from './use-desk-day';

const SPARK_DAYS = 30;

/** The agent's own KPIs: today, this month so far, and the last 30 days as a sparkline each. */
export function ScorecardPage() {
  const { api, me } = useSession();
  const { today, timeZone } = useDeskToday();
  const monthStart = `${today.slice(0, 8)}01`;
  const mine = (page: AgentKpiPage): KpiFigures | undefined =>
    page.agents.find((row) => row.agentId === me.id);
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

  return (
    <section aria-labelledby="scorecard-title">
      <h1 id="scorecard-title">My scorecard</h1>
      <p className="muted">
        {me.name} · desk days in {timeZone} · today is {today}
      </p>
      {Boolean(data.error) && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
      {!data.data && !data.error && <Loading what="your KPIs" />}
      {data.data && (
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
            {KPIS.map((kpi) => (
              <tr key={kpi.key}>
                <th scope="row">{kpi.label}</th>
                <td data-kpi={`${kpi.key}-today`}>{kpi.format(kpiValue(data.data?.today, kpi.key))}</td>
                <td>{kpi.format(kpiValue(data.data?.month, kpi.key))}</td>
                <td>
                  <Sparkline
                    values={series(data.data?.days ?? [], kpi.key)}
                    title={`${kpi.label}, daily, last ${SPARK_DAYS} days`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
