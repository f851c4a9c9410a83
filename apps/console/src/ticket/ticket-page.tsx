import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/session';
import { BillingPanel } from '../billing/billing-panel';
import { CallPanel } from '../calls/call-panel';
import { MailPanel } from '../mail/mail-panel';
import { inboxAddress } from '../inbox/inbox-return';
import { isTyping, plainKey } from '../inbox/keyboard';
import { SlaBadge } from '../inbox/sla-badge';
import type { Page, Ticket, TicketDetail, TimelineEntry } from '../shared/api-types';
import { label } from '../shared/format';
import { Empty, ErrorState, Loading } from '../shared/states';
import { Time } from '../shared/time';
import { useDebounced } from '../shared/use-debounced';
import { useResource } from '../shared/use-resource';
import { useWorkHeartbeat } from '../work/use-work-heartbeat';
import { Composer, type ComposerHandle, type ComposerSubmission } from './composer';
import { templateValues } from './template-values';
import { PresenceBar } from './presence-bar';
import { CustomerTickets } from './customer-tickets';
import { TicketKpis } from './ticket-kpis';
import { Requester } from './requester';
import { TicketControls } from './ticket-controls';
import { Timeline } from './timeline';
import { useTicketLive } from './use-ticket-live';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `LD-1042` or `1042`: what agents write in notes, emails and chat. */
const TICKET_NUMBER = /^(?:[a-z]{1,6}-)?(\d{1,15})$/i;

export function TicketPage() {
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <TicketByNumber key={id} reference={id} />;
  return <TicketWorkspace key={id} ticketId={id} />;
}

/** `/tickets/LD-1042`: finds the ticket by its number and continues at its own address. */
export function TicketByNumber({ reference }: { reference: string }) {
  const { api } = useSession();
  const navigate = useNavigate();
  const digits = TICKET_NUMBER.exec(reference)?.[1];
  const found = useResource(
    () =>
      digits === undefined
        ? Promise.resolve(undefined)
        : api
            .get<Page<Ticket>>('/api/tickets', { q: digits, pageSize: 20 })
            .then((page) => page.items.find((ticket) => ticket.number.replace(/\D/g, '') === digits)),
    reference,
  );
  const ticketId = found.data?.id;
  useEffect(() => {
    if (ticketId) void navigate(`/tickets/${ticketId}`, { replace: true });
  }, [navigate, ticketId]);

  if (found.error) return <ErrorState error={found.error} onRetry={found.reload} />;
  if (found.loading || ticketId) return <Loading what={`ticket ${reference}`} />;
  return (
    <Empty>
      {digits === undefined ? `“${reference}” is not a ticket number.` : `There is no ticket ${reference}.`}{' '}
      <Link to={inboxAddress()}>Back to the inbox</Link>
    </Empty>
  );
}

function TicketWorkspace({ ticketId }: { ticketId: string }) {
  const { api, me } = useSession();
  const navigate = useNavigate();
  const ticket = useResource(() => api.get<TicketDetail>(`/api/tickets/${ticketId}`), ticketId);
  const events = useResource(() => api.get<TimelineEntry[]>(`/api/tickets/${ticketId}/events`), ticketId);
  const [pushed, setPushed] = useState<TimelineEntry[]>([]);
  const [mode, setMode] = useState<'viewing' | 'replying'>('viewing');
  const composer = useRef<ComposerHandle>(null);
  useWorkHeartbeat(ticketId);

  const reloadTicket = useDebounced(ticket.reload, 200);
  const refresh = useCallback(() => {
    ticket.reload();
    events.reload();
  }, [ticket, events]);
  useEffect(() => setPushed([]), [events.data]);

  const presence = useTicketLive(ticketId, mode, {
    onEvent: (event) =>
      setPushed((list) => (list.some((item) => item.id === event.id) ? list : [...list, event])),
    onChanged: reloadTicket,
  });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target) || !plainKey(event) || document.querySelector('[role="dialog"]')) return;
      if (event.key === 'r' || event.key === 'n') {
        event.preventDefault();
        composer.current?.focus(event.key === 'r' ? 'reply' : 'note');
      }
      if (event.key === 'u') void navigate(inboxAddress());
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  async function submit({ kind, body, statusAfter }: ComposerSubmission) {
    await api.post(`/api/tickets/${ticketId}/messages`, { kind, body });
    if (statusAfter !== 'unchanged') await api.patch(`/api/tickets/${ticketId}`, { status: statusAfter });
    refresh();
  }

  if (ticket.error && !ticket.data) return <ErrorState error={ticket.error} onRetry={ticket.reload} />;
  if (!ticket.data) return <Loading what="the ticket" />;
  const current = ticket.data;
  const known = new Set((events.data ?? []).map((entry) => entry.id));
  const timeline = [...(events.data ?? []), ...pushed.filter((entry) => !known.has(entry.id))].sort(
    (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
  );

  return (
    <div className="ticket-layout">
      <section className="ticket-main" aria-labelledby="ticket-title">
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          <Link to={inboxAddress()}>← Inbox</Link>
        </nav>
        <header className="ticket-header">
          <h1 id="ticket-title">
            <span className="ticket-number">{current.number}</span> {current.subject}
          </h1>
          <p className="ticket-meta">
            <span className={`pill status-${current.status}`} data-testid="ticket-status">
              {label(current.status)}
            </span>{' '}
            <span className={`pill priority-${current.priority}`}>{label(current.priority)}</span> via{' '}
            {label(current.channel)} · from <Requester requester={current.requester} /> · opened{' '}
            <Time at={current.createdAt} /> · SLA <SlaBadge ticket={current} />
          </p>
          <PresenceBar viewers={presence.viewers} myId={me.id} customerInChat={presence.customerInChat} />
        </header>
        <TicketControls ticket={current} onChanged={refresh} />
        {events.error && !events.data ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : events.data ? (
          <Timeline entries={timeline} account={current.billing?.account} />
        ) : (
          <Loading what="the timeline" />
        )}
        <Composer
          ref={composer}
          onSubmit={submit}
          onPresence={setMode}
          disabled={current.status === 'closed'}
          templateValues={templateValues(current, me)}
        />
      </section>
      <aside className="ticket-side" aria-label="Customer, call and email">
        <BillingPanel ticketId={ticketId} billing={current.billing} onChanged={refresh} />
        <CustomerTickets ticket={current} />
        <CallPanel ticketId={ticketId} onLogged={refresh} />
        <MailPanel ticketId={ticketId} version={current.updatedAt} />
        <TicketKpis ticketId={ticketId} version={current.updatedAt} />
      </aside>
    </div>
  );
}
