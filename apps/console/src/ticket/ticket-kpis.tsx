import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { duration, plural } from '../shared/format';
import { ErrorState, Loading } from '../shared/states';
import { useAgents } from '../shared/use-agents';
import { useResource } from '../shared/use-resource';

/** The ticket's facts as `GET /api/kpis/tickets/:id` gives them (the fields the panel shows). */
export interface TicketKpiFacts {
  firstResponseSeconds: number | null;
  /** The same interval counted in the desk's business hours only. */
  firstResponseBusinessSeconds: number | null;
  firstResponseAgentId: string | null;
  firstResponseEventId: string | null;
  resolvedAt: string | null;
  resolutionSeconds: number | null;
  resolutionBusinessSeconds: number | null;
  resolutionAgentId: string | null;
  resolutionEventId: string | null;
  contactsBeforeResolution: number;
  reopens: number;
  fcr: boolean;
  fcrBrokenByTicketId: string | null;
  fcrBrokenByTicketNumber: string | null;
  handleSeconds: number;
  csatRating: number | null;
  csatAgentId: string | null;
  csatEventId: string | null;
  csatSurveys: number;
}

export interface TicketKpiExplanation {
  pending: boolean;
  facts: TicketKpiFacts | null;
  /** What the ticket adds to the KPI tables; `sla_*` rows: amount 1 when the target was met. */
  contributions?: { kind: string; amount: number }[];
}

/** Whether the first response or resolution came by its SLA due time (nothing when it had none). */
function SlaMark({
  explanation,
  kind,
}: {
  explanation: TicketKpiExplanation;
  kind: 'sla_first_response' | 'sla_resolution';
}) {
  const contribution = explanation.contributions?.find((c) => c.kind === kind);
  if (!contribution) return null;
  return contribution.amount === 1 ? (
    <span className="sla-mark sla-met"> · within the SLA target</span>
  ) : (
    <span className="sla-mark sla-missed"> · SLA target missed</span>
  );
}

/**
 * Why the ticket is, or is not, a first contact resolution — the conditions of the definition,
 * in its order (README, KPI definitions).
 */
export function fcrVerdict(facts: TicketKpiFacts): { fcr: boolean; why: ReactNode } {
  if (facts.resolvedAt === null) return { fcr: false, why: 'not resolved' };
  if (facts.fcr) return { fcr: true, why: 'resolved at the first contact' };
  if (facts.reopens > 0) return { fcr: false, why: `reopened ${plural(facts.reopens, 'time')}` };
  if (facts.contactsBeforeResolution > 1) {
    return { fcr: false, why: `${facts.contactsBeforeResolution} agent contacts before the resolution` };
  }
  if (facts.fcrBrokenByTicketId) {
    return {
      fcr: false,
      why: (
        <>
          the customer wrote in again on the same topic:{' '}
          <Link to={`/tickets/${facts.fcrBrokenByTicketId}`}>
            {facts.fcrBrokenByTicketNumber ?? 'a later ticket'}
          </Link>
        </>
      ),
    };
  }
  return { fcr: false, why: 'not a first contact resolution' };
}

/** While the KPI worker has not caught up with the ticket's latest events, ask again this often… */
export const PENDING_RETRY_MS = 1000;
/** …this many times at most per change of the ticket (the worker may be down). */
export const PENDING_RETRIES = 20;

/** " · 37 min in business hours", when the desk's hours make a difference. */
export function businessHoursNote(calendar: number | null, business: number | null): string {
  if (calendar === null || business === null || business === calendar) return '';
  return ` · ${duration(business)} in business hours`;
}

/** A link to the timeline entry of the event a figure came from. */
function FromEvent({ eventId }: { eventId: string | null }) {
  if (!eventId) return null;
  return (
    <a className="small from-event" href={`#event-${eventId}`} title="Show the event this comes from">
      event {eventId}
    </a>
  );
}

/**
 * The ticket's own KPI figures, as the KPI worker computed them from its log, each with the
 * event it came from: first response, resolution, FCR (and why not), handle time, reopens,
 * CSAT. `version` changes when the ticket changed; while the worker is still catching up
 * (`pending`), the panel asks again every second (20 times at most).
 */
export function TicketKpis({ ticketId, version }: { ticketId: string; version: string }) {
  const { api } = useSession();
  const agents = useAgents();
  const kpis = useResource(
    () => api.get<TicketKpiExplanation>(`/api/kpis/tickets/${ticketId}`),
    `${ticketId}/${version}`,
  );
  const pending = kpis.data?.pending === true;
  const { reload } = kpis;
  const retries = useRef({ version, count: 0 });
  useEffect(() => {
    if (retries.current.version !== version) retries.current = { version, count: 0 };
    if (!pending || retries.current.count >= PENDING_RETRIES) return;
    const retry = setTimeout(() => {
      retries.current.count += 1;
      reload();
    }, PENDING_RETRY_MS);
    return () => clearTimeout(retry);
  }, [pending, reload, version, kpis.data]);
  const agentName = (id: string | null): string =>
    id === null ? '' : ` by ${agents.find((agent) => agent.id === id)?.name ?? 'an agent'}`;

  let content;
  if (kpis.error && !kpis.data) {
    content = <ErrorState error={kpis.error} onRetry={kpis.reload} />;
  } else if (!kpis.data) {
    content = <Loading what="the ticket’s KPIs" />;
  } else if (!kpis.data.facts) {
    content = <p className="muted">{kpis.data.pending ? 'Being computed…' : 'No figures yet.'}</p>;
  } else {
    const facts = kpis.data.facts;
    const verdict = fcrVerdict(facts);
    content = (
      <dl className="ticket-kpis-list">
        <dt>First response</dt>
        <dd data-kpi="first-response">
          {facts.firstResponseSeconds === null
            ? 'no agent contact yet'
            : `${duration(facts.firstResponseSeconds)}${agentName(facts.firstResponseAgentId)}` +
              businessHoursNote(facts.firstResponseSeconds, facts.firstResponseBusinessSeconds)}
          <SlaMark explanation={kpis.data} kind="sla_first_response" />{' '}
          <FromEvent eventId={facts.firstResponseEventId} />
        </dd>
        <dt>Resolution</dt>
        <dd data-kpi="resolution">
          {facts.resolutionSeconds === null
            ? 'not resolved'
            : `${duration(facts.resolutionSeconds)}${agentName(facts.resolutionAgentId)}` +
              businessHoursNote(facts.resolutionSeconds, facts.resolutionBusinessSeconds)}
          <SlaMark explanation={kpis.data} kind="sla_resolution" />{' '}
          <FromEvent eventId={facts.resolutionEventId} />
        </dd>
        <dt>FCR</dt>
        <dd data-kpi="fcr">
          <strong>{verdict.fcr ? 'Yes' : 'No'}</strong> — {verdict.why}
        </dd>
        <dt>Handle time</dt>
        <dd data-kpi="handle">{facts.handleSeconds > 0 ? duration(facts.handleSeconds) : 'none'}</dd>
        <dt>Reopens</dt>
        <dd data-kpi="reopens">{facts.reopens}</dd>
        <dt>CSAT</dt>
        <dd data-kpi="csat">
          {facts.csatRating === null
            ? facts.csatSurveys > 0
              ? `no rating (${plural(facts.csatSurveys, 'survey')} sent)`
              : 'no rating'
            : `${facts.csatRating} of 5${agentName(facts.csatAgentId)}`}{' '}
          <FromEvent eventId={facts.csatEventId} />
        </dd>
      </dl>
    );
  }
  return (
    <section className="panel ticket-kpis" aria-labelledby="ticket-kpis-title">
      <h2 id="ticket-kpis-title">
        This ticket’s KPIs
        {kpis.data?.pending && kpis.data.facts ? <span className="muted small"> · updating…</span> : null}
      </h2>
      {content}
    </section>
  );
}
