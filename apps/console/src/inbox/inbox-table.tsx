import { useEffect, useRef } from 'react';
import type { Ticket } from '../shared/api-types';
import { label } from '../shared/format';
import { Empty, Loading } from '../shared/states';
import { Time } from '../shared/time';
import type { Sort, SortField } from './saved-views';
import { toggleSort } from './saved-views';
import { SlaBadge } from './sla-badge';

interface Props {
  tickets: Ticket[];
  loading: boolean;
  selected: number;
  sort: Sort;
  viewLabel: string;
  /** Whether a search or filter narrows the view (an empty result is then no good news). */
  filtered: boolean;
  onClearFilters: () => void;
  onSort: (sort: Sort) => void;
  onSelect: (index: number) => void;
  onOpen: (ticket: Ticket) => void;
  /** Tickets checked for a change of many at once (the bulk bar). */
  checked: ReadonlySet<string>;
  onCheck: (ticketIds: string[], checked: boolean) => void;
}

const COLUMNS: { title: string; field?: SortField; className?: string }[] = [
  { title: 'Ticket', field: 'number', className: 'col-number' },
  { title: 'Subject' },
  { title: 'Status', field: 'status' },
  { title: 'Priority', field: 'priority' },
  { title: 'Channel' },
  { title: 'Assignee' },
  { title: 'SLA due', field: 'slaDue' },
  { title: 'Updated', field: 'updatedAt' },
];

export function InboxTable({
  tickets,
  loading,
  selected,
  sort,
  viewLabel,
  filtered,
  onClearFilters,
  onSort,
  onSelect,
  onOpen,
  checked,
  onCheck,
}: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.querySelector(`tr[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  if (loading) return <Loading what="tickets" />;
  if (tickets.length === 0 && filtered) {
    return (
      <Empty>
        No tickets in “{viewLabel}” match your search or filters.{' '}
        <button type="button" className="link" onClick={onClearFilters}>
          Clear search and filters
        </button>
      </Empty>
    );
  }
  if (tickets.length === 0) return <Empty>No tickets in “{viewLabel}”. Nice.</Empty>;
  const allChecked = tickets.every((ticket) => checked.has(ticket.id));

  return (
    <table className="inbox-table" aria-label={`Tickets: ${viewLabel}`}>
      <thead>
        <tr>
          <th scope="col" className="col-check">
            <input
              type="checkbox"
              aria-label="Check every ticket of this page"
              checked={allChecked}
              onChange={() =>
                onCheck(
                  tickets.map((ticket) => ticket.id),
                  !allChecked,
                )
              }
            />
          </th>
          {COLUMNS.map((column) => {
            const active = column.field === sort.field;
            return (
              <th
                key={column.title}
                scope="col"
                className={column.className}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                {column.field ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => onSort(toggleSort(sort, column.field!))}
                  >
                    {column.title}
                    <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  column.title
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body}>
        {tickets.map((ticket, index) => (
          <tr
            key={ticket.id}
            data-index={index}
            data-ticket={ticket.number}
            className={index === selected ? 'selected' : undefined}
            aria-selected={index === selected}
            onClick={() => onSelect(index)}
            onDoubleClick={() => onOpen(ticket)}
          >
            <td className="col-check" onClick={(event) => event.stopPropagation()}>
              <input
                type="checkbox"
                aria-label={`Check ${ticket.number}`}
                checked={checked.has(ticket.id)}
                onChange={(event) => onCheck([ticket.id], event.target.checked)}
              />
            </td>
            <td className="col-number">
              <a
                href={`/tickets/${ticket.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(ticket);
                }}
              >
                {ticket.number}
              </a>
            </td>
            <td className="col-subject">
              <span className="subject">{ticket.subject}</span>
              <span className="requester">
                {ticket.requester.name ?? ticket.requester.email ?? ticket.requester.phone}
              </span>
            </td>
            <td>
              <span className={`pill status-${ticket.status}`}>{label(ticket.status)}</span>
            </td>
            <td>
              <span className={`pill priority-${ticket.priority}`}>{label(ticket.priority)}</span>
            </td>
            <td>{label(ticket.channel)}</td>
            <td>{ticket.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
            <td>
              <SlaBadge ticket={ticket} />
            </td>
            <td>
              <Time at={ticket.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
