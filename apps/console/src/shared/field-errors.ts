import { ApiError, describeError } from './api-client';

/**
 * The API's complaints per field (`details[].field`), so a form can show each next to its input;
 * the message goes under `fallback` when no detail names one of `fields`. The API's wording names
 * its properties ("firstResponseMinutes must be at least 1"); `labels` puts the names the agent
 * sees in their place.
 */
export function fieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  fallback: F,
  labels: Readonly<Record<string, string>> = {},
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  if (error instanceof ApiError) {
    for (const detail of error.body?.details ?? []) {
      const field = fields.find((name) => name === detail.field);
      if (field) errors[field] = relabel(detail.problems.join(', '), labels);
    }
  }
  if (Object.keys(errors).length === 0) errors[fallback] = relabel(describeError(error), labels);
  return errors;
}

/** "must be from 0 to 1 for fcrRate" → "must be from 0 to 1 for First-contact resolution". */
export const relabel = (text: string, labels: Readonly<Record<string, string>>): string =>
  text.replace(/\b[A-Za-z]\w*\b/g, (word) => (Object.hasOwn(labels, word) ? labels[word] : word));
