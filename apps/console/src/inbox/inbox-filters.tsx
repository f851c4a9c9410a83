import { useEffect, useState, type RefObject } from 'react';
import { CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../shared/api-types';
import { ANY_STATUS, type InboxFilters } from './saved-views';
import { LabelledOptions } from '../shared/labelled-options';

interface Props {
  filters: InboxFilters;
  /** The first choice of the status filter: what the view shows by itself ("Unsolved"). */
  viewStatus: string;
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (changes: Record<string, string | undefined>) => void;
}

export function InboxFiltersBar({ filters, viewStatus, searchRef, onChange }: Props) {
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const select = (name: keyof InboxFilters, title: string, values: readonly string[]) => (
    <label className="filter">
      <span>{title}</span>
      <select
        value={filters[name] ?? ''}
        onChange={(event) => onChange({ [name]: event.target.value || undefined })}
      >
        <option value="">Any</option>
        <LabelledOptions values={values} />
      </select>
    </label>
  );

  return (
    <form
      className="filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: text.trim() || undefined });
      }}
    >
      <label className="filter search">
        <span>Search</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="LD-1042, subject, requester…  ( / )"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
        />
      </label>
      <label className="filter">
        <span>Status</span>
        <select
          value={filters.status ?? ''}
          onChange={(event) => onChange({ status: event.target.value || undefined })}
        >
          <option value="">{viewStatus}</option>
          <LabelledOptions values={TICKET_STATUSES} />
          <option value={ANY_STATUS}>Any status</option>
        </select>
      </label>
      {select('priority', 'Priority', PRIORITIES)}
      {select('channel', 'Channel', CHANNELS)}
      {select('category', 'Category', CATEGORIES)}
      <button type="submit">Apply</button>
    </form>
  );
}
