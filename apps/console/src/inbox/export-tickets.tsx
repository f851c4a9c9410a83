import { useState } from 'react';
import { useSession } from '../auth/session';
import { describeError, type Query } from '../shared/api-client';
import { saveFile } from '../shared/save-file';

/**
 * Downloads every ticket of the inbox's view, filters and sort as CSV (not just the page on
 * screen); says why when the desk refuses (too many tickets: narrow the filters).
 */
export function ExportTickets({ query }: { query: Query }) {
  const { api } = useSession();
  const [state, setState] = useState<{ busy: boolean; problem: string | null }>({
    busy: false,
    problem: null,
  });

  async function exportCsv() {
    setState({ busy: true, problem: null });
    try {
      const { page: _page, pageSize: _pageSize, ...filters } = query;
      const blob = await api.download('/api/tickets/export', filters, 'text/csv');
      saveFile(blob, `tickets-${new Date().toISOString().slice(0, 10)}.csv`);
      setState({ busy: false, problem: null });
    } catch (error) {
      setState({ busy: false, problem: `Not exported: ${describeError(error)}` });
    }
  }

  return (
    <div className="export-tickets">
      <button type="button" disabled={state.busy} onClick={() => void exportCsv()}>
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {state.problem && (
        <p className="form-error small" role="alert">
          {state.problem}
        </p>
      )}
    </div>
  );
}
