import { Link } from 'react-router';
import { useLive } from '../live/live-context';
import type { QueueMetrics } from '../live/live-types';
import { calendarDay, duration, label } from '../shared/format';
import { Time } from '../shared/time';
import { percent, score } from '../scorecard/kpi-format';

function Breakdown({ title, values }: { title: string; values: Record<string, number> }) {
  const entries = Object.entries(values).filter(([, value]) => value > 0);
  return (
    <div className="breakdown">
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul>
          {entries.map(([key, value]) => (
            <li key={key}>
              <span>{label(key)}</span> <strong>{value}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Tile({
  name,
  value,
  note,
  testId,
  warn,
}: {
  name: string;
  value: string | number;
  /** A second figure in small print under the value. */
  note?: string;
  testId?: string;
  warn?: boolean;
}) {
  return (
    <div className={warn ? 'tile warn' : 'tile'}>
      <span className="tile-name">{name}</span>
      <span className="tile-value" data-testid={testId}>
        {value}
      </span>
      {note && <span className="tile-note">{note}</span>}
    </div>
  );
}

/** The wallboard part: everything from the `queue.metrics` pushes, no polling. */
export function LiveMetrics() {
  const { metrics, status } = useLive();
  if (!metrics) {
    return (
      <section className="panel" aria-labelledby="live-title">
        <h2 id="live-title">Live queue</h2>
        <p className="state" role="status">
          {status === 'live' ? 'Waiting for the first live metrics…' : 'Connecting to the live feed…'}
        </p>
      </section>
    );
  }
  return <MetricsView metrics={metrics} />;
}

/** The wall shows the most urgent few; the inbox view lists them all. */
const AT_RISK_SHOWN = 10;

export function MetricsView({ metrics }: { metrics: QueueMetrics }) {
  const { today } = metrics;
  const atRiskTotal = metrics.sla.breachedCount + metrics.sla.dueSoonCount;
  const atRisk = [
    ...metrics.sla.breached.map((ref) => ({ ...ref, breached: true })),
    ...metrics.sla.dueSoon.map((ref) => ({ ...ref, breached: false })),
  ].slice(0, AT_RISK_SHOWN);
  return (
    <section className="panel" aria-labelledby="live-title">
      <h2 id="live-title">
        Live queue{' '}
        <span className="muted small">
          updated <Time at={metrics.at} exact />
        </span>
      </h2>
      <div className="tiles">
        <Tile name="Open tickets" value={metrics.open.total} testId="metric-open" />
        <Tile
          name="Unassigned"
          value={metrics.unassigned}
          testId="metric-unassigned"
          warn={metrics.unassigned > 0}
        />
        <Tile name="Breached SLA" value={metrics.sla.breachedCount} warn={metrics.sla.breachedCount > 0} />
        <Tile name="Due soon" value={metrics.sla.dueSoonCount} />
        <Tile
          name={`Resolved today (${calendarDay(today.date)})`}
          value={today.resolved}
          testId="metric-resolved-today"
        />
        <Tile name="Created today" value={today.created} />
        <Tile name="FCR today" value={percent(today.fcrRate)} />
        <Tile name="AHT today" value={duration(today.ahtSeconds)} />
        <Tile
          name="Median FRT today"
          value={duration(today.frtMedianSeconds)}
          note={
            today.frtBusinessMedianSeconds === null ||
            today.frtBusinessMedianSeconds === today.frtMedianSeconds
              ? undefined
              : `${duration(today.frtBusinessMedianSeconds)} in business hours`
          }
        />
        <Tile name={`CSAT today (${today.csatResponses})`} value={score(today.csatScore)} />
      </div>
      <div className="breakdowns">
        <Breakdown title="By status" values={metrics.open.byStatus} />
        <Breakdown title="By channel" values={metrics.open.byChannel} />
        <Breakdown title="By priority" values={metrics.open.byPriority} />
        <Breakdown
          title="By team"
          values={Object.fromEntries(metrics.open.byTeam.map((team) => [team.name ?? 'No team', team.count]))}
        />
      </div>
      <div className="columns">
        <div>
          <h3>Oldest waiting customer</h3>
          {metrics.oldestWaiting ? (
            <p>
              <Link to={`/tickets/${metrics.oldestWaiting.ticketId}`}>{metrics.oldestWaiting.number}</Link>{' '}
              {metrics.oldestWaiting.subject} — waiting {duration(metrics.oldestWaiting.waitingSeconds)}
            </p>
          ) : (
            <p className="muted">Nobody is waiting.</p>
          )}
          <h3>Breaching or about to</h3>
          {atRisk.length === 0 ? (
            <p className="muted">All targets on track.</p>
          ) : (
            <ul className="at-risk" aria-label="Breaching or about to">
              {atRisk.map((ref) => (
                <li key={`${ref.ticketId}-${ref.target}`} className={ref.breached ? 'bad' : undefined}>
                  <Link to={`/tickets/${ref.ticketId}`}>{ref.number}</Link> {ref.subject} ·{' '}
                  {label(ref.target)} {ref.breached ? 'was due' : 'due'} <Time at={ref.dueAt} />
                </li>
              ))}
              {atRiskTotal > atRisk.length && (
                <li>
                  <Link to="/?view=breaching">All {atRiskTotal} breaching or due soon in the inbox</Link>
                </li>
              )}
            </ul>
          )}
        </div>
        <div>
          <h3>Agents</h3>
          <table className="agents-live" aria-label="Agents by presence">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Presence</th>
                <th scope="col">Working on</th>
              </tr>
            </thead>
            <tbody>
              {metrics.agents.map((agent) => (
                <tr key={agent.agentId} data-agent={agent.agentId}>
                  <td>{agent.name}</td>
                  <td className="presence-cell">
                    <span className={`presence-dot presence-${agent.presence}`} aria-hidden="true" />{' '}
                    {label(agent.presence)}
                  </td>
                  <td>
                    {agent.workingOn.length === 0
                      ? '—'
                      : agent.workingOn.map((work) => (
                          <Link key={work.ticketId} to={`/tickets/${work.ticketId}`} title={work.subject}>
                            {work.number}{' '}
                          </Link>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
