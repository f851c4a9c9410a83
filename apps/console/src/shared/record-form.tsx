import { useState, type FormEvent } from 'react';
import { fieldErrors } from './field-errors';

/** Where a problem the API names no field of goes. */
export const FORM = 'form';

/**
 * A form that saves a record through the API: `submit` runs `save`, and the API's problems land
 * per field (those naming no field under `form`). Stays busy after a success: the caller closes it.
 */
export function useRecordForm<F extends string>(fields: readonly F[], save: () => Promise<void>) {
  const [problems, setProblems] = useState<Partial<Record<F | typeof FORM, string>>>({});
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    try {
      await save();
    } catch (error) {
      setProblems(fieldErrors<F | typeof FORM>(error, [...fields, FORM], FORM));
      setBusy(false);
    }
  }
  return { problems, busy, submit: (event: FormEvent) => void submit(event) };
}

/** A problem of the whole form (one the API names no field of). */
export function FormError({ problem }: { problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p className="form-error" role="alert">
      {problem}
    </p>
  );
}

/** Save (Saving… while busy) and Cancel. */
export function FormButtons({
  busy,
  submitLabel,
  onCancel,
}: {
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="button-row">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** The form-wide problem, then Save and Cancel. */
export function RecordFormFooter({
  problem,
  busy,
  submitLabel,
  onCancel,
}: {
  problem: string | undefined;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <FormError problem={problem} />
      <FormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </>
  );
}
