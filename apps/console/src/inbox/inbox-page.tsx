import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { useLiveEvent } from '../live/live-context';
import type { Page, Ticket } from '../shared/api-types';
import { plural } from '../shared/format';
import { ErrorState } from '../shared/states';
import { useDebounced } from '../shared/use-debounced';
import { useResource } from '../shared/use-resource';
import { BulkBar } from './bulk-bar';
import { CustomerFilter } from './customer-filter';
import { ExportTickets } from './export-tickets';
import { InboxFiltersBar } from './inbox-filters';
import { rememberInbox } from './inbox-return';
import { InboxTable } from './inbox-table';
import { isTyping, plainKey } from './keyboard';
import {
  defaultSort,
  listQuery,
  parseSort,
  SAVED_VIEWS,
  sortParam,
  viewById,
  viewStatusLabel,
  type InboxFilters,
  type Sort,
} from './saved-views';
import { ViewTabs } from './view-tabs';

const PAGE_SIZE = 50;

export function InboxPage() {
  const { api } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  useEffect(() => rememberInbox(search), [search]);
  const view = viewById(params.get('view'));
  const sort = parseSort(params.get('sort'), defaultSort(view));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters: InboxFilters = {
    q: params.get('q') ?? undefined,
    status: params.get('status') ?? undefined,
    account: params.get('account') ?? undefined,
    requester: params.get('requester') ?? undefined,
    priority: params.get('priority') ?? undefined,
    channel: params.get('channel') ?? undefined,
    category: params.get('category') ?? undefined,
  };
  const query = listQuery(view, filters, sort, page, PAGE_SIZE);
  const key = JSON.stringify(query);
  const list = useResource(() => api.get<Page<Ticket>>('/api/tickets', query), key);
  const [selected, setSelected] = useState(0);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);

  const reloadSoon = useDebounced(list.reload, 300);
  useLiveEvent('ticket.changed', reloadSoon);
  useEffect(() => setSelected(0), [key]);
  // Another view, filter or page: what was checked is no longer on screen.
  useEffect(() => setChecked(new Set()), [key]);
  const check = useCallback((ticketIds: string[], on: boolean) => {
    setChecked((previous) => {
      const next = new Set(previous);
      for (const id of ticketIds) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      if (!('page' in changes)) next.delete('page');
      setParams(next);
    },
    [params, setParams],
  );

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const open = useCallback(
    (ticket: Ticket | undefined) => ticket && void navigate(`/tickets/${ticket.id}`),
    [navigate],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target) || !plainKey(event) || document.querySelector('[role="dialog"]')) return;
      const index = SAVED_VIEWS.findIndex((_view, position) => event.key === String(position + 1));
      if (index >= 0) return update({ view: SAVED_VIEWS[index].id, sort: undefined });
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          setSelected((value) => Math.min(value + 1, Math.max(items.length - 1, 0)));
          break;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          setSelected((value) => Math.max(value - 1, 0));
          break;
        case 'Enter':
        case 'o':
          if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
          open(items[selected]);
          break;
        case '/':
          event.preventDefault();
          searchRef.current?.focus();
          break;
        case 'x': {
          const ticket = items[selected];
          if (ticket) check([ticket.id], !checked.has(ticket.id));
          break;
        }
        case ']':
          if (page < pages) update({ page: String(page + 1) });
          break;
        case '[':
          if (page > 1) update({ page: String(page - 1) });
          break;
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [check, checked, items, open, page, pages, selected, update]);

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title" className="visually-hidden">
        Inbox
      </h1>
      <ViewTabs current={view.id} onSelect={(id) => update({ view: id, sort: undefined })} />
      <CustomerFilter
        account={filters.account}
        requester={filters.requester}
        onClear={() => update({ account: undefined, requester: undefined })}
      />
      <div className="inbox-toolbar">
        <InboxFiltersBar
          filters={filters}
          viewStatus={viewStatusLabel(view)}
          searchRef={searchRef}
          onChange={update}
        />
        <ExportTickets query={query} />
      </div>
      <BulkBar
        tickets={items}
        checked={checked}
        onDone={(refused) => {
          setChecked(new Set(refused));
          list.reload();
        }}
        onClear={() => setChecked(new Set())}
      />
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <InboxTable
          tickets={items}
          loading={list.loading && !list.data}
          selected={selected}
          sort={sort}
          viewLabel={view.label}
          filtered={Object.values(filters).some(Boolean)}
          onClearFilters={() =>
            update({
              q: undefined,
              status: undefined,
              account: undefined,
              requester: undefined,
              priority: undefined,
              channel: undefined,
              category: undefined,
            })
          }
          onSort={(next: Sort) => update({ sort: sortParam(next) })}
          onSelect={setSelected}
          onOpen={open}
          checked={checked}
          onCheck={check}
        />
      )}
      {list.data && list.data.total > 0 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
            ← Previous
          </button>
          <span>
            Page {page} of {pages} · {plural(list.data.total, 'ticket')}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
            Next →
          </button>
        </nav>
      )}
    </section>
  );
}
