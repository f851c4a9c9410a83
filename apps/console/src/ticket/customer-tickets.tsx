import { Link } from 'react-router';
import { useSession } from '../auth/session';
import type { Page, Ticket } from '../shared/api-types';
import { label, plural } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useResource } from '../shared/use-resource';

/** Other tickets listed; the panel says how many more there are. */
export const SHOWN_TICKETS = 5;

type CustomerTicketsQuery = { sort: string; pageSize: number } & (
  { account: string } | { requester: string }
);

/**
 * Whose tickets count as this customer's: the linked account's (every contact of it), else
 * those of the requester's email address or phone. `null` when the ticket names neither.
 */
export function customerTicketsQuery(ticket: Ticket): CustomerTicketsQuery | null {
  // One more than shown: this ticket is among the newest.
  const page = { sort: '-createdAt', pageSize: SHOWN_TICKETS + 1 };
  if (ticket.accountId) return { ...page, account: ticket.accountId };
  const requester = ticket.requester.email ?? ticket.requester.phone;
  return requester ? { ...page, requester } : null;
}

/** The inbox with every ticket of this customer, whatever its status. */
export function customerInboxLink(query: CustomerTicketsQuery): string {
  const whose: [string, string] =
    'account' in query ? ['account', query.account] : ['requester', query.requester];
  return `/?${new URLSearchParams([['view', 'all'], ['status', 'any'], whose]).toString()}`;
}

/**
 * The customer's other tickets, newest first: whether they wrote in before, about what, and how
 * it went — what an agent checks before answering (and what a repeat contact looks like).
 */
export function CustomerTickets({ ticket }: { ticket: Ticket }) {
  const { api } = useSession();
  const query = customerTicketsQuery(ticket);
  const list = useResource(
    () => (query ? api.get<Page<Ticket>>('/api/tickets', query) : Promise.resolve(null)),
    `${ticket.id}/${JSON.stringify(query)}/${ticket.updatedAt}`,
  );
  if (!query) return null;
  const whose = 'account' in query ? 'The account’s other tickets' : 'The customer’s other tickets';

  let content;
  if (list.error && !list.data) {
    content = <ErrorState error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    content = <Loading what="the customer’s tickets" />;
  } else {
    const listed = list.data.items;
    const others = listed.filter((other) => other.id !== ticket.id).slice(0, SHOWN_TICKETS);
    const otherTotal = list.data.total - (listed.some((other) => other.id === ticket.id) ? 1 : 0);
    content =
      otherTotal <= 0 ? (
        <p className="muted">No other tickets you can see.</p>
      ) : (
        <>
          <ul className="ticket-refs">
            {others.map((other) => (
              <li key={other.id}>
                <Link to={`/tickets/${other.id}`}>{other.number}</Link> {other.subject}{' '}
                <span className={`pill status-${other.status}`}>{label(other.status)}</span>
                <br />
                <span className="muted small">
                  {label(other.category)}
                  {other.category === ticket.category && ' (same topic)'} · {label(other.channel)} · opened{' '}
                  <Time at={other.createdAt} />
                </span>
              </li>
            ))}
          </ul>
          {otherTotal > others.length && (
            <p className="small">
              <Link to={customerInboxLink(query)}>
                and {plural(otherTotal - others.length, 'more ticket')}
              </Link>
            </p>
          )}
        </>
      );
  }
  return (
    <section className="panel customer-tickets" aria-labelledby="customer-tickets-title">
      <h2 id="customer-tickets-title">{whose}</h2>
      {content}
    </section>
  );
}
