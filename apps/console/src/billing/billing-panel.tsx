import { useState } from 'react';
import type { AdjustmentSummary, BillingContext, InvoiceSummary } from '../shared/api-types';
import { calendarDay, label } from '../shared/format';
import { formatMoney } from '../shared/money';
import { Time } from '../shared/time';
import { AdjustmentItem, type AdjustmentAction } from './adjustment-list';
import {
  AdjustmentDecisionForm,
  AdjustmentForm,
  DisputeForm,
  RecordPaymentForm,
  ReverseAdjustmentForm,
} from './billing-forms';
import { LinkAccount } from './link-account';

const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

type OpenForm =
  | { kind: 'payment' }
  | { kind: 'adjustment' }
  | { kind: 'dispute'; invoice: InvoiceSummary }
  | { kind: AdjustmentAction; adjustment: AdjustmentSummary }
  | null;

interface Props {
  ticketId: string;
  billing: BillingContext | null;
  onChanged: () => void;
}

/** The linked account's position and recent documents, with the actions an agent takes from a ticket. */
export function BillingPanel({ ticketId, billing, onChanged }: Props) {
  const [form, setForm] = useState<OpenForm>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!billing) {
    return (
      <section className="panel billing-panel" aria-labelledby="billing-title">
        <h2 id="billing-title">Billing</h2>
        <p className="muted">No customer account is linked to this ticket.</p>
        <LinkAccount ticketId={ticketId} onLinked={onChanged} />
      </section>
    );
  }
  const money = (minor: number) => (
    <span className="amount">{formatMoney(minor, billing.account.currency)}</span>
  );
  const done = (notice?: string) => {
    setForm(null);
    setNotice(notice ?? null);
    onChanged();
  };

  return (
    <section className="panel billing-panel" aria-labelledby="billing-title">
      <h2 id="billing-title">
        Billing · {billing.account.name} <span className="muted">({billing.account.number})</span>
      </h2>
      <dl className="figures">
        <div>
          <dt>Balance</dt>
          <dd data-testid="balance">{money(billing.balance)}</dd>
        </div>
        <div>
          <dt>Overdue</dt>
          <dd className={billing.overdue > 0 ? 'bad' : undefined}>{money(billing.overdue)}</dd>
        </div>
        <div>
          <dt>Credit</dt>
          <dd>
            {money(billing.unappliedCredit)}
            {billing.unappliedCredit > 0 && billing.refundableCredit !== billing.unappliedCredit && (
              <span className="figure-note" data-testid="refundable">
                {money(billing.refundableCredit)} refundable
              </span>
            )}
          </dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="aging" aria-label="Aging (days past due)">
          <thead>
            <tr>
              {AGING_BUCKETS.map((bucket) => (
                <th key={bucket} scope="col">
                  {bucket === 'current' ? 'Current' : bucket}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {AGING_BUCKETS.map((bucket) => (
                <td key={bucket}>{money(billing.aging[bucket])}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <h3>Recent invoices</h3>
      {billing.recentInvoices.length === 0 ? (
        <p className="muted">No invoices.</p>
      ) : (
        <div className="table-scroll">
          <table className="documents" aria-label="Recent invoices">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Due</th>
                <th scope="col">Open / total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {billing.recentInvoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td className="nowrap">{invoice.number}</td>
                  <td className="nowrap">{calendarDay(invoice.dueDate)}</td>
                  <td>
                    {money(invoice.open)}&nbsp;/ {money(invoice.total)}
                  </td>
                  {/* The action sits under the status: a fifth column did not fit beside a ticket. */}
                  <td className="status-cell">
                    <span className={`pill invoice-${invoice.status}`}>{label(invoice.status)}</span>
                    {invoice.status !== 'disputed' &&
                      invoice.status !== 'void' &&
                      invoice.status !== 'paid' && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => setForm({ kind: 'dispute', invoice })}
                        >
                          Dispute <span className="visually-hidden">{invoice.number}</span>
                        </button>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>Recent payments</h3>
      {billing.recentPayments.length === 0 ? (
        <p className="muted">No payments.</p>
      ) : (
        <ul className="payments">
          {billing.recentPayments.map((payment) => (
            <li key={payment.id} className={payment.reversedAt ? 'reversed' : undefined}>
              {money(payment.amount)} <span className="muted">{label(payment.method)}</span>{' '}
              <span className="muted">{payment.reference}</span> <Time at={payment.receivedAt} />
              {payment.reversedAt && <span className="badge">Reversed</span>}
            </li>
          ))}
        </ul>
      )}

      <h3>Adjustments</h3>
      {billing.adjustments.length === 0 ? (
        <p className="muted">No adjustments.</p>
      ) : (
        <ul className="adjustments">
          {billing.adjustments.map((adjustment) => (
            <AdjustmentItem
              key={adjustment.id}
              adjustment={adjustment}
              currentTicketId={ticketId}
              onAct={(kind, chosen) => setForm({ kind, adjustment: chosen })}
            />
          ))}
        </ul>
      )}

      {notice && form === null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {form === null && (
        <div className="button-row">
          <button type="button" onClick={() => setForm({ kind: 'payment' })}>
            Record payment
          </button>
          <button type="button" onClick={() => setForm({ kind: 'adjustment' })}>
            Propose adjustment
          </button>
        </div>
      )}
      {form?.kind === 'payment' && (
        <RecordPaymentForm
          ticketId={ticketId}
          billing={billing}
          onDone={done}
          onCancel={() => setForm(null)}
        />
      )}
      {form?.kind === 'adjustment' && (
        <AdjustmentForm ticketId={ticketId} billing={billing} onDone={done} onCancel={() => setForm(null)} />
      )}
      {(form?.kind === 'approve' || form?.kind === 'reject') && (
        <AdjustmentDecisionForm
          key={`${form.kind}-${form.adjustment.id}`}
          adjustment={form.adjustment}
          decision={form.kind}
          ticketId={ticketId}
          onDone={done}
          onCancel={() => setForm(null)}
        />
      )}
      {form?.kind === 'reverse' && (
        <ReverseAdjustmentForm
          key={form.adjustment.id}
          adjustment={form.adjustment}
          ticketId={ticketId}
          onDone={done}
          onCancel={() => setForm(null)}
        />
      )}
      {form?.kind === 'dispute' && (
        <DisputeForm
          ticketId={ticketId}
          invoice={form.invoice}
          onDone={done}
          onCancel={() => setForm(null)}
        />
      )}
    </section>
  );
}
