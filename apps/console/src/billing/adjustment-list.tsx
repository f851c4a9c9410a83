import { Link } from 'react-router';
import { isSupervisor, useSession } from '../auth/session';
import type { AdjustmentSummary, Me } from '../shared/api-types';
import { label } from '../shared/format';
import { formatMoney } from '../shared/money';
import { Time } from '../shared/time';

export type AdjustmentAction = 'approve' | 'reject' | 'reverse';

/** What the signed-in agent may do with an adjustment: the same rules the API applies. */
export function adjustmentActions(adjustment: AdjustmentSummary, me: Me): AdjustmentAction[] {
  if (!isSupervisor(me)) return [];
  if (adjustment.status === 'pending_approval') {
    return adjustment.madeBy === me.id ? [] : ['approve', 'reject'];
  }
  return adjustment.status === 'approved' ? ['reverse'] : [];
}

const ACTION_LABELS: Record<AdjustmentAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  reverse: 'Reverse',
};

/** One adjustment: kind, amount, reason, state and who made it, with the actions the agent may take. */
export function AdjustmentItem({
  adjustment,
  showAccount = false,
  currentTicketId,
  onAct,
}: {
  adjustment: AdjustmentSummary;
  /** On the desk-wide list; beside a ticket the account is already named. */
  showAccount?: boolean;
  /** The ticket shown around it: no link to the ticket it was made from when it is this one. */
  currentTicketId?: string;
  onAct: (action: AdjustmentAction, adjustment: AdjustmentSummary) => void;
}) {
  const { me } = useSession();
  const actions = adjustmentActions(adjustment, me);
  const own = adjustment.status === 'pending_approval' && adjustment.madeBy === me.id;
  const what = `${label(adjustment.kind)} ${formatMoney(adjustment.amount, adjustment.currency)}`;
  return (
    <li className={`adjustment adjustment-${adjustment.status}`}>
      <div>
        <span className={`pill adjustment-status-${adjustment.status}`}>{label(adjustment.status)}</span>{' '}
        {label(adjustment.kind)}{' '}
        <span className="amount">{formatMoney(adjustment.amount, adjustment.currency)}</span>
        {adjustment.invoiceNumber && <span className="muted"> on {adjustment.invoiceNumber}</span>}
        {showAccount && (
          <span className="muted">
            {' '}
            · {adjustment.accountName} ({adjustment.accountNumber})
          </span>
        )}
      </div>
      <div className="muted small">
        {label(adjustment.reasonCode)} · {adjustment.madeByName ?? 'unknown agent'},{' '}
        <Time at={adjustment.madeAt} />
        {adjustment.memo && <> · {adjustment.memo}</>}
        {adjustment.ticketId && adjustment.ticketId !== currentTicketId && (
          <>
            {' '}
            · from <Link to={`/tickets/${adjustment.ticketId}`}>{adjustment.ticketNumber}</Link>
          </>
        )}
      </div>
      {adjustment.status === 'rejected' && adjustment.decisionNote && (
        <div className="muted small">Rejected: {adjustment.decisionNote}</div>
      )}
      {adjustment.status === 'reversed' && adjustment.reversalReason && (
        <div className="muted small">Reversed: {adjustment.reversalReason}</div>
      )}
      {own && <div className="muted small">Waits for another supervisor: you proposed it.</div>}
      {actions.length > 0 && (
        <div className="button-row">
          {actions.map((action) => (
            <button key={action} type="button" className="link" onClick={() => onAct(action, adjustment)}>
              {ACTION_LABELS[action]} <span className="visually-hidden">{what}</span>
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
