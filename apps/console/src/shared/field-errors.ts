import { ApiError, describeError } from './api-client';

/**
 * The API's complaints per field (`details[].field`), so a form can show each next to its input;
 * the message goes under `fallback` when no detail names one of `fields`.
 */
export function fieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  fallback: F,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  if (error instanceof ApiError) {
    for (const detail of error.body?.details ?? []) {
      const field = fields.find((name) => name === detail.field);
      if (field) errors[field] = detail.problems.join(', ');
    }
  }
  if (Object.keys(errors).length === 0) errors[fallback] = describeError(error);
  return errors;
}
