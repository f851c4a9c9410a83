import { useState } from 'react';
import { useSession } from '../auth/session';
import type { AdjustmentSummary } from '../shared/api-types';
import { plural } from '../shared/format';
import { Empty, ErrorState, Loading } from '../shared/states';
import { useResource } from '../shared/use-resource';
import { AdjustmentItem, type AdjustmentAction } from './adjustment-list';
import { AdjustmentDecisionForm, ReverseAdjustmentForm } from './billing-forms';

/**
 * The desk's adjustments waiting for a supervisor's approval, oldest first: the maker–checker
 * queue. A decision made here is not tied to a ticket (one made from a ticket lands in its timeline).
 */
export function ApprovalsPage() {
  const { api } = useSession();
  const pending = useResource(
    () => api.get<AdjustmentSummary[]>('/api/adjustments', { status: 'pending_approval' }),
    'pending-adjustments',
  );
  const [open, setOpen] = useState<{ action: AdjustmentAction; adjustment: AdjustmentSummary } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    pending.reload();
  };

  return (
    <section className="panel approvals-page" aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      <p className="muted">
        Adjustments above the approval threshold wait here until a supervisor other than their maker approves
        or rejects them; until then the balance does not change.
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {Boolean(pending.error) && !pending.data && (
        <ErrorState error={pending.error} onRetry={pending.reload} />
      )}
      {!pending.data && !pending.error && <Loading what="adjustments waiting for approval" />}
      {pending.data && pending.data.length === 0 && <Empty>Nothing waits for approval.</Empty>}
      {pending.data && pending.data.length > 0 && (
        <>
          <p>{plural(pending.data.length, 'adjustment')} waiting, oldest first.</p>
          <ul className="adjustments">
            {pending.data.map((adjustment) => (
              <AdjustmentItem
                key={adjustment.id}
                adjustment={adjustment}
                showAccount
                onAct={(action, chosen) => {
                  setNotice(null);
                  setOpen({ action, adjustment: chosen });
                }}
              />
            ))}
          </ul>
        </>
      )}
      {(open?.action === 'approve' || open?.action === 'reject') && (
        <AdjustmentDecisionForm
          key={`${open.action}-${open.adjustment.id}`}
          adjustment={open.adjustment}
          decision={open.action}
          onDone={() =>
            done(`${open.action === 'approve' ? 'Approved' : 'Rejected'} for ${open.adjustment.accountName}.`)
          }
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.action === 'reverse' && (
        <ReverseAdjustmentForm
          key={open.adjustment.id}
          adjustment={open.adjustment}
          onDone={() => done(`Reversed for ${open.adjustment.accountName}.`)}
          onCancel={() => setOpen(null)}
        />
      )}
    </section>
  );
}
