/** The `aria-*` of a field whose problem shows next to it (the form's own or the API's). */
export const invalidity = (id: string, problem: string | undefined) => ({
  'aria-invalid': problem ? true : undefined,
  'aria-describedby': problem ? `${id}-error` : undefined,
});

/** A field's problem, next to it; `id` is the field's. */
export function FieldError({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <span id={`${id}-error`} className="field-error" role="alert">
      {problem}
    </span>
  );
}
