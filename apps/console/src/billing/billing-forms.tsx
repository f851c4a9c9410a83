import { useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../auth/session';
import type { AdjustmentSummary, BillingContext, InvoiceSummary } from '../shared/api-types';
import { FieldError, invalidity } from '../shared/field-error';
import { fieldErrors } from '../shared/field-errors';
import { FORM, FormButtons, FormError } from '../shared/record-form';
import { label } from '../shared/format';
import { formatMoney, parseAmount } from '../shared/money';
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
  /** Sent; `notice` tells the agent what happens next when that is not obvious. */
  onDone: (notice?: string) => void;
  onCancel: () => void;
}

/** What is wrong with one field, found before sending. */
class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Asked in the form before an unusual action is sent: "Confirm" sends it, the other button goes back. */
interface Question {
  text: string;
  backLabel: string;
  onBack: () => void;
}

type Problems = Partial<Record<string, string>>;

/**
 * Submits one billing action (done from the ticket, so it lands in its timeline). Problems with a
 * field (found here or named by the API) show next to it, others under the form.
 */
function ActionForm({
  title,
  submitLabel,
  fields,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The fields a problem can be shown next to, named as in the API. */
  fields: readonly string[];
  /** Sends the action; or asks a question first, and is called again with `confirmed` once answered. */
  onSubmit: (confirmed: boolean) => Promise<Question | void>;
  onCancel: () => void;
  children: (problems: Problems) => ReactNode;
}) {
  const [problems, setProblems] = useState<Problems>({});
  const [question, setQuestion] = useState<Question | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(confirmed: boolean) {
    setBusy(true);
    setProblems({});
    setQuestion(null);
    try {
      const asked = await onSubmit(confirmed);
      if (asked) {
        setQuestion(asked);
        setBusy(false);
      }
    } catch (failure) {
      setProblems(
        failure instanceof FieldProblem
          ? { [failure.field]: failure.message }
          : fieldErrors(failure, [...fields, FORM], FORM),
      );
      setBusy(false);
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    // Only the Confirm button answers a question; Enter in a field must not send by accident.
    if (!question) void send(false);
  }
  return (
    <form
      className="action-form stack"
      aria-label={title}
      onSubmit={submit}
      // Any change makes the question (asked about the old values) moot.
      onChange={() => setQuestion(null)}
    >
      <h3>{title}</h3>
      {children(problems)}
      <FormError problem={problems[FORM]} />
      {question ? (
        <div className="confirm-question">
          <p role="alert">{question.text}</p>
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} onClick={() => void send(true)}>
              Confirm
            </button>
            <button
              type="button"
              onClick={() => {
                setQuestion(null);
                question.onBack();
              }}
            >
              {question.backLabel}
            </button>
          </div>
        </div>
      ) : (
        <FormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      )}
    </form>
  );
}

function amountOrThrow(text: string, currency: string): number {
  const amount = parseAmount(text, currency);
  if (amount === null)
    throw new FieldProblem('amount', `Enter a positive amount in ${currency}, e.g. 120.50`);
  return amount;
}

/** An amount field with its problem next to it (the form's own or the API's). */
function AmountField({
  id,
  currency,
  value,
  problem,
  onChange,
}: {
  id: string;
  currency: string;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>Amount ({currency})</label>
      <input
        id={id}
        inputMode="decimal"
        required
        value={value}
        {...invalidity(id, problem)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={id} problem={problem} />
    </>
  );
}

const focusField = (id: string) => () => document.getElementById(id)?.focus();

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
      fields={['amount', 'reference']}
      onCancel={onCancel}
      onSubmit={async (confirmed) => {
        const minor = amountOrThrow(amount, currency);
        const open = Math.max(0, billing.balance);
        if (minor > open && !confirmed) {
          return {
            text: `${formatMoney(minor, currency)} is more than the open balance of ${formatMoney(open, currency)}; the rest becomes unapplied credit. Record it anyway?`,
            backLabel: 'Change amount',
            onBack: focusField('payment-amount'),
          };
        }
        await api.post(`/api/accounts/${billing.account.id}/payments`, {
          amount: minor,
          method,
          reference: reference.trim(),
          ticketId,
        });
        onDone();
      }}
    >
      {(problems) => (
        <>
          <AmountField
            id="payment-amount"
            currency={currency}
            value={amount}
            problem={problems.amount}
            onChange={setAmount}
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
            {...invalidity('payment-reference', problems.reference)}
            onChange={(event) => setReference(event.target.value)}
          />
          <FieldError id="payment-reference" problem={problems.reference} />
          <p className="hint">Allocated to the oldest open invoices first; the rest stays as credit.</p>
        </>
      )}
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
      fields={['amount']}
      onCancel={onCancel}
      onSubmit={async () => {
        const minor = amountOrThrow(amount, currency);
        if (kind === 'refund' && minor > billing.refundableCredit) {
          throw new FieldProblem(
            'amount',
            `More than the ${formatMoney(billing.refundableCredit, currency)} refundable today: the account’s credit balance, less payments reserved for invoices not issued yet.`,
          );
        }
        const invoice = billing.recentInvoices.find((item) => item.id === invoiceId);
        if (kind === 'credit_note' && invoice && minor > invoice.open) {
          throw new FieldProblem(
            'amount',
            `More than the ${formatMoney(invoice.open, currency)} open on invoice ${invoice.number}; credit at most that, or credit the account without an invoice.`,
          );
        }
        const proposed = await api.post<{ status: string }>(
          `/api/accounts/${billing.account.id}/adjustments`,
          {
            kind,
            amount: minor,
            reasonCode,
            memo: memo.trim() || undefined,
            invoiceId: invoiceId || undefined,
            ticketId,
          },
        );
        onDone(
          proposed.status === 'pending_approval'
            ? `The ${label(kind).toLowerCase()} of ${formatMoney(minor, currency)} waits for another supervisor's approval; the balance changes once it is approved.`
            : undefined,
        );
      }}
    >
      {(problems) => (
        <>
          <label htmlFor="adjustment-kind">Kind</label>
          <select id="adjustment-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
            <LabelledOptions values={ADJUSTMENT_KINDS} />
          </select>
          <AmountField
            id="adjustment-amount"
            currency={currency}
            value={amount}
            problem={problems.amount}
            onChange={setAmount}
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
        </>
      )}
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
      fields={[]}
      onCancel={onCancel}
      onSubmit={async () => {
        await api.post(`/api/invoices/${invoice.id}/dispute`, { reason: reason.trim(), ticketId });
        onDone();
      }}
    >
      {() => (
        <>
          <label htmlFor="dispute-reason">Reason</label>
          <textarea
            id="dispute-reason"
            rows={2}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </>
      )}
    </ActionForm>
  );
}

/** A note or reason field, required or not, with the API's problem next to it. */
function ReasonField({
  id,
  label: text,
  required,
  value,
  problem,
  onChange,
}: {
  id: string;
  label: string;
  required: boolean;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{text}</label>
      <textarea
        id={id}
        rows={2}
        required={required}
        value={value}
        {...invalidity(id, problem)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={id} problem={problem} />
    </>
  );
}

const describeAdjustment = (adjustment: AdjustmentSummary): string =>
  `the ${label(adjustment.kind).toLowerCase()} of ${formatMoney(adjustment.amount, adjustment.currency)}`;

/**
 * A supervisor's decision on an adjustment waiting for approval (never one of their own: the API
 * refuses that). Rejecting asks why, so that whoever proposed it can tell the customer.
 */
export function AdjustmentDecisionForm({
  adjustment,
  decision,
  ticketId,
  onDone,
  onCancel,
}: {
  adjustment: AdjustmentSummary;
  decision: 'approve' | 'reject';
  /** The ticket it is decided from, for its timeline; none from the approvals page. */
  ticketId?: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [note, setNote] = useState('');
  const approving = decision === 'approve';
  return (
    <ActionForm
      title={`${approving ? 'Approve' : 'Reject'} ${describeAdjustment(adjustment)}`}
      submitLabel={approving ? 'Approve' : 'Reject'}
      fields={['note']}
      onCancel={onCancel}
      onSubmit={async () => {
        if (!approving && note.trim() === '') {
          throw new FieldProblem('note', 'Say why it is rejected, for whoever proposed it');
        }
        await api.post(`/api/adjustments/${adjustment.id}/${decision}`, {
          note: note.trim() || undefined,
          ticketId,
        });
        onDone();
      }}
    >
      {(problems) => (
        <ReasonField
          id={`decision-note-${adjustment.id}`}
          label={approving ? 'Note (optional)' : 'Why it is rejected'}
          required={!approving}
          value={note}
          problem={problems.note}
          onChange={setNote}
        />
      )}
    </ActionForm>
  );
}

/** Takes back an approved adjustment from now on (supervisors); the reason goes into the audit log. */
export function ReverseAdjustmentForm({
  adjustment,
  ticketId,
  onDone,
  onCancel,
}: {
  adjustment: AdjustmentSummary;
  ticketId?: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={`Reverse ${describeAdjustment(adjustment)}`}
      submitLabel="Reverse adjustment"
      fields={['reason']}
      onCancel={onCancel}
      onSubmit={async () => {
        if (reason.trim() === '') throw new FieldProblem('reason', 'Say why it is reversed');
        await api.post(`/api/adjustments/${adjustment.id}/reverse`, { reason: reason.trim(), ticketId });
        onDone();
      }}
    >
      {(problems) => (
        <>
          <ReasonField
            id={`reverse-reason-${adjustment.id}`}
            label="Why it is reversed"
            required
            value={reason}
            problem={problems.reason}
            onChange={setReason}
          />
          <p className="hint">
            The balance changes back from now on, and the adjustment counts as corrected in its maker’s
            billing accuracy.
          </p>
        </>
      )}
    </ActionForm>
  );
}
