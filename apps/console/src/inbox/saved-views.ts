import type { Query } from '../shared/api-client';
import type { QueueViews } from '../live/live-types';
import { UNSOLVED_STATUSES } from '../shared/api-types';
import { label } from '../shared/format';

export type ViewId = 'mine' | 'unassigned' | 'team' | 'pending' | 'breaching' | 'all';

export interface SavedView {
  id: ViewId;
  label: string;
  /** The key of its live count in `queue.counts`. */
  countKey: keyof QueueViews;
  query: Query;
}

/** Unsolved, as the live counts count it (on hold included). */
const OPEN = UNSOLVED_STATUSES.join(',');

/** The inbox's saved views, as `GET /api/tickets` filters (the live protocol counts the same sets). */
export const SAVED_VIEWS: readonly SavedView[] = [
  { id: 'mine', label: 'Mine', countKey: 'mine', query: { status: OPEN, assignee: 'me' } },
  {
    id: 'unassigned',
    label: 'Unassigned',
    countKey: 'unassigned',
    query: { status: OPEN, assignee: 'none' },
  },
  { id: 'team', label: 'My teams', countKey: 'team', query: { status: OPEN, team: 'mine' } },
  { id: 'pending', label: 'Pending', countKey: 'pending', query: { status: 'pending' } },
  {
    id: 'breaching',
    label: 'Breaching soon',
    countKey: 'breachingSoon',
    query: { status: OPEN, sla: 'at_risk' },
  },
  // Last, so that the keys 1–5 of the views before it stay what agents learned.
  { id: 'all', label: 'All unsolved', countKey: 'all', query: { status: OPEN } },
];

export const viewById = (id: string | null): SavedView =>
  SAVED_VIEWS.find((view) => view.id === id) ?? SAVED_VIEWS[0];

export const SORTABLE = ['number', 'priority', 'status', 'slaDue', 'createdAt', 'updatedAt'] as const;
export type SortField = (typeof SORTABLE)[number];

export interface Sort {
  field: SortField;
  descending: boolean;
}

export const parseSort = (value: string | null, fallback: Sort): Sort => {
  if (!value) return fallback;
  const descending = value.startsWith('-');
  const field = (descending ? value.slice(1) : value) as SortField;
  return SORTABLE.includes(field) ? { field, descending } : fallback;
};

export const sortParam = (sort: Sort): string => `${sort.descending ? '-' : ''}${sort.field}`;

/** Clicking a column: the same column flips its direction, another one starts descending (ascending for SLA due). */
export function toggleSort(current: Sort, field: SortField): Sort {
  if (current.field === field) return { field, descending: !current.descending };
  return { field, descending: field !== 'slaDue' && field !== 'number' };
}

export const defaultSort = (view: SavedView): Sort =>
  view.id === 'breaching' ? { field: 'slaDue', descending: false } : { field: 'updatedAt', descending: true };

export interface InboxFilters {
  q?: string;
  /** One status, or `any`; replaces the view's own statuses (solved and closed tickets are in no view). */
  status?: string;
  /** A customer account id or a requester's email/phone: one customer's tickets. */
  account?: string;
  requester?: string;
  priority?: string;
  channel?: string;
  category?: string;
}

/** The status filter's value that lifts the view's status condition. */
export const ANY_STATUS = 'any';

/** The full list query of a view with the agent's filters, sort and page. */
export function listQuery(
  view: SavedView,
  filters: InboxFilters,
  sort: Sort,
  page: number,
  pageSize: number,
): Query {
  const { status, ...others } = filters;
  const { status: viewStatus, ...viewQuery } = view.query;
  const statuses = status === ANY_STATUS ? undefined : (status ?? viewStatus);
  return {
    ...viewQuery,
    ...(statuses ? { status: statuses } : {}),
    ...others,
    sort: sortParam(sort),
    page,
    pageSize,
  };
}

/** What a view shows when the status filter is left alone: "Unsolved", or its one status. */
export const viewStatusLabel = (view: SavedView): string =>
  view.query.status === OPEN ? 'Unsolved' : label(String(view.query.status));
