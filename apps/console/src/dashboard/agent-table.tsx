import { useState } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import type { AgentKpiPage, AgentKpis } from '../shared/api-types';
import { saveFile } from '../shared/save-file';
import { ErrorState, Empty, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';
import { KPIS, percent, shownFigure } from '../scorecard/kpi-format';
import { TargetMark, targetKpiOf } from '../targets/target-mark';
import { sortRows } from './sort-rows';

const COLUMNS: { key: keyof AgentKpis; label: string; format: (value: number | null) => string }[] = [
  ...KPIS.map((kpi) => ({ key: kpi.key, label: kpi.label, format: kpi.format })),
  { key: 'billingActions', label: 'Billing actions', format: (value) => String(value ?? '—') },
  { key: 'billingAccuracy', label: 'Billing accuracy', format: percent },
];

/** Per-agent scorecard for a period (the KPI API), sortable by any column, exported as the API's CSV. */
export function AgentTable({ from, to, refresh = 0 }: { from: string; to: string; refresh?: number }) {
  const { api } = useSession();
  const [sort, setSort] = useState<{ key: keyof AgentKpis; descending: boolean }>({
    key: 'resolved',
    descending: true,
  });
  const [exportError, setExportError] = useState<string | null>(null);
  const period = `${from}|${to}`;
  const loaded = useResource(
    async () => ({ period, page: await api.get<AgentKpiPage>('/api/kpis/agents', { from, to }) }),
    `${period}|${refresh}`,
  );
  // Figures only for the period asked for: a refusal or a load of another period hides the old ones
  // (a refresh of the same period keeps them on screen meanwhile).
  const data = !loaded.error && loaded.data?.period === period ? loaded.data.page : undefined;

  async function exportCsv() {
    setExportError(null);
    try {
      saveFile(
        await api.download('/api/kpis/agents', { from, to }, 'text/csv'),
        `agent-kpis-${from}-${to}.csv`,
      );
    } catch (error) {
      setExportError(describeError(error));
    }
  }

  const rows = data ? sortRows(data.agents, sort.key, sort.descending) : [];
  const header = (key: keyof AgentKpis, text: string) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'name' })}
        >
          {text}
          <span aria-hidden="true">{active ? (sort.descending ? '\u00a0▼' : '\u00a0▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section className="panel" aria-labelledby="agents-title">
      <div className="panel-head">
        <h2 id="agents-title">Agent scorecards</h2>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      {exportError && (
        <p className="form-error" role="alert">
          {exportError}
        </p>
      )}
      {Boolean(loaded.error) && <ErrorState error={loaded.error} onRetry={loaded.reload} />}
      {!data && !loaded.error && <Loading what="agent KPIs" />}
      {data && rows.length === 0 && <Empty>No agent activity in this period.</Empty>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="agent-table">
            <thead>
              <tr>
                {header('name', 'Agent')}
                {COLUMNS.map((column) => header(column.key, column.label))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.agentId} data-agent={row.agentId}>
                  <th scope="row">{row.name}</th>
                  {COLUMNS.map((column) => {
                    const target = targetKpiOf(column.key);
                    return (
                      <td key={column.key} data-kpi={column.key}>
                        {shownFigure(row, column.key, column.format)}{' '}
                        {target && (
                          <TargetMark
                            kpi={target}
                            target={data?.targets?.[row.agentId]?.[target]}
                            onlyWithFigure
                          />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
