import { useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import { describeError } from '../shared/api-client';
import type { BillingContext, InvoiceSummary } from '../shared/api-types';
import { parseAmount } from '../shared/money';
import { LabelledOptions } from '../shared/labelled-options';

const PAYMENT_METHODS = ['card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'wallet', 'other'];
const ADJUSTMENT_KINDS = ['credit_note', 'debit_note', 'refund'];
const ADJUSTMENT_REASONS = [
  'billing_error',
  'duplicate_charge',
  'service_issue',
  'goodwill',
  'price_change',
  'cancellation',
  'late_fee',
  'overpayment',
  'tax_correction',
  'other',
];

interface FormProps {
  ticketId: string;
  billing: BillingContext;
  onDone: () => void;
  onCancel: () => void;
}

/** Submits one billing action (done from the ticket, so it lands in its timeline) and shows the API's error. */
function ActionForm({
  title,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }
  return (
    <form className="action-form stack" aria-label={title} onSubmit={(event) => void submit(event)}>
      <h3>{title}</h3>
      {children}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function amountOrThrow(text: string, currency: string): number {
  const amount = parseAmount(text, currency);
  if (amount === null) throw new Error(`Enter a positive amount in ${currency}, e.g. 120.50`);
  return amount;
}

export function RecordPaymentForm({ ticketId, billing, onDone, onCancel }: FormProps) {
  const { api } = useSession();
  const currency = billing.account.currency;
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState('card');
  const [reference, setReference] = useState('');
  return (
    <ActionForm
      title="Record a payment"
      submitLabel="Record payment"
      onCancel={onCancel}
      onSubmit={async () => {
        await api.post(`/api/accounts/${billing.account.id}/payments`, {
          amount: amountOrThrow(amount, currency),
          method,
          reference: reference.trim(),
          ticketId,
        });
        onDone();
      }}
    >
      <label htmlFor="payment-amount">Amount ({currency})</label>
      <input
        id="payment-amount"
        inputMode="decimal"
        required
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <label htmlFor="payment-method">Method</label>
      <select id="payment-method" value={method} onChange={(event) => setMethod(event.target.value)}>
        <LabelledOptions values={PAYMENT_METHODS} />
      </select>
      <label htmlFor="payment-reference">Reference</label>
      <input
        id="payment-reference"
        required
        value={reference}
        onChange={(event) => setReference(event.target.value)}
      />
      <p className="hint">Allocated to the oldest open invoices first; the rest stays as credit.</p>
    </ActionForm>
  );
}

export function AdjustmentForm({ ticketId, billing, onDone, onCancel }: FormProps) {
  const { api } = useSession();
  const currency = billing.account.currency;
  const [kind, setKind] = useState('credit_note');
  const [amount, setAmount] = useState('');
  const [reasonCode, setReasonCode] = useState('billing_error');
  const [invoiceId, setInvoiceId] = useState('');
  const [memo, setMemo] = useState('');
  return (
    <ActionForm
      title="Propose an adjustment"
      submitLabel="Propose adjustment"
      onCancel={onCancel}
      onSubmit={async () => {
        await api.post(`/api/accounts/${billing.account.id}/adjustments`, {
          kind,
          amount: amountOrThrow(amount, currency),
          reasonCode,
          memo: memo.trim() || undefined,
          invoiceId: invoiceId || undefined,
          ticketId,
        });
        onDone();
      }}
    >
      <label htmlFor="adjustment-kind">Kind</label>
      <select id="adjustment-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
        <LabelledOptions values={ADJUSTMENT_KINDS} />
      </select>
      <label htmlFor="adjustment-amount">Amount ({currency})</label>
      <input
        id="adjustment-amount"
        inputMode="decimal"
        required
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <label htmlFor="adjustment-reason">Reason</label>
      <select
        id="adjustment-reason"
        value={reasonCode}
        onChange={(event) => setReasonCode(event.target.value)}
      >
        <LabelledOptions values={ADJUSTMENT_REASONS} />
      </select>
      <label htmlFor="adjustment-invoice">On invoice (optional)</label>
      <select
        id="adjustment-invoice"
        value={invoiceId}
        onChange={(event) => setInvoiceId(event.target.value)}
      >
        <option value="">None</option>
        {billing.recentInvoices.map((invoice) => (
          <option key={invoice.id} value={invoice.id}>
            {invoice.number}
          </option>
        ))}
      </select>
      <label htmlFor="adjustment-memo">Memo</label>
      <textarea
        id="adjustment-memo"
        rows={2}
        value={memo}
        onChange={(event) => setMemo(event.target.value)}
      />
      <p className="hint">Above the approval threshold it waits for a supervisor’s approval.</p>
    </ActionForm>
  );
}

export function DisputeForm({
  ticketId,
  invoice,
  onDone,
  onCancel,
}: {
  ticketId: string;
  invoice: InvoiceSummary;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={`Dispute invoice ${invoice.number}`}
      submitLabel="Open dispute"
      onCancel={onCancel}
      onSubmit={async () => {
        await api.post(`/api/invoices/${invoice.id}/dispute`, { reason: reason.trim(), ticketId });
        onDone();
      }}
    >
      <label htmlFor="dispute-reason">Reason</label>
      <textarea
        id="dispute-reason"
        rows={2}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </ActionForm>
  );
}
