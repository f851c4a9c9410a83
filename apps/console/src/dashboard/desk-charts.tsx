import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useSession } from '../auth/session';
import type { DeskKpis } from '../shared/api-types';
import { calendarDay, daysBetween, label } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';

/** Charts show at most this many days (one desk KPI request per day). */
export const CHART_DAYS = 31;

function totals(
  created: DeskKpis['created'],
  by: 'channel' | 'category',
): { name: string; tickets: number }[] {
  const sums = new Map<string, number>();
  for (const row of created) sums.set(row[by], (sums.get(row[by]) ?? 0) + row.count);
  return [...sums]
    .map(([name, tickets]) => ({ name: label(name), tickets }))
    .sort((a, b) => b.tickets - a.tickets);
}

interface TrendPoint {
  day: string;
  frtMinutes: number | null;
  csat: number | null;
}

/**
 * Each chart is one keyboard stop (recharts' accessibility layer: the arrow keys step through its
 * points and show their tooltip) and is named for screen readers by what it shows and the period.
 */
const chartAccessibility = (name: string) => ({ accessibilityLayer: true, tabIndex: 0, 'aria-label': name });

function TrendChart(props: {
  title: string;
  label: string;
  data: TrendPoint[];
  dataKey: keyof TrendPoint;
  name: string;
  colour: string;
  domain?: [number, number];
}) {
  return (
    <figure className="panel chart">
      <figcaption>{props.title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={props.data} {...chartAccessibility(props.label)}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde6" />
          <XAxis
            dataKey="day"
            fontSize={11}
            tickFormatter={(day: string) => calendarDay(day, { year: false })}
          />
          <YAxis domain={props.domain} fontSize={11} width={36} />
          <Tooltip
            labelFormatter={(day) => (typeof day === 'string' ? calendarDay(day, { weekday: true }) : day)}
          />
          <Line
            type="monotone"
            dataKey={props.dataKey}
            name={props.name}
            stroke={props.colour}
            connectNulls
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function DeskCharts({ from, to, refresh = 0 }: { from: string; to: string; refresh?: number }) {
  const { api } = useSession();
  const days = daysBetween(from, to).slice(-CHART_DAYS);
  const period = `${from}|${to}`;
  const data = useResource(async () => {
    const [periodFigures, ...daily] = await Promise.all([
      api.get<DeskKpis>('/api/kpis/desk', { from, to }),
      ...days.map((day) => api.get<DeskKpis>('/api/kpis/desk', { from: day, to: day })),
    ]);
    return {
      period: periodFigures,
      loadedFor: period,
      trend: daily.map((figures, index) => ({
        day: days[index],
        frtMinutes: figures.frtMedianSeconds === null ? null : Math.round(figures.frtMedianSeconds / 6) / 10,
        csat: figures.csatScore === null ? null : Math.round(figures.csatScore),
      })),
    };
  }, `${period}|${refresh}`);

  // Charts only for the period asked for: a refusal or a load of another period hides the old ones.
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data || data.data.loadedFor !== period) return <Loading what="desk charts" />;
  const { trend, period: figures } = data.data;
  const shown = (day: string) => calendarDay(day, { year: false });
  const range = `${shown(days[0])} to ${shown(to)}`;
  return (
    <div className="charts">
      <TrendChart
        title="Median first response (minutes), per day"
        label={`Median first response in minutes, per day, ${range}`}
        data={trend}
        dataKey="frtMinutes"
        name="FRT median (min)"
        colour="#1d4ed8"
      />
      <TrendChart
        title="CSAT score, per day"
        label={`CSAT score, per day, ${range}`}
        data={trend}
        dataKey="csat"
        name="CSAT"
        colour="#047857"
        domain={[0, 100]}
      />
      {(['channel', 'category'] as const).map((by) => (
        <figure key={by} className="panel chart">
          <figcaption>Tickets created by {by}</figcaption>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart
              data={totals(figures.created, by)}
              layout="vertical"
              margin={{ left: 24 }}
              {...chartAccessibility(`Tickets created by ${by}, ${shown(from)} to ${shown(to)}`)}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#d8dde6" />
              <XAxis type="number" fontSize={11} allowDecimals={false} />
              <YAxis type="category" dataKey="name" fontSize={11} width={120} />
              <Tooltip />
              <Bar dataKey="tickets" fill="#6d28d9" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      ))}
    </div>
  );
}
