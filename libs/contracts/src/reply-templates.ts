/** What a reply template may say in `{{…}}`: filled from the ticket when an agent inserts it. */
export const TEMPLATE_PLACEHOLDERS = [
  'customer.name',
  'customer.firstName',
  'ticket.number',
  'ticket.subject',
  'agent.name',
  'agent.firstName',
  'account.name',
  'account.number',
  'account.balance',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The `{{…}}` names a template uses that are not placeholders, in order of appearance. */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(names.filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)))];
}

/**
 * The template with its placeholders filled; one without a value (no account, no customer name)
 * stays as written, so the agent sees what to fill in before sending.
 */
export function fillTemplate(
  body: string,
  values: Partial<Record<TemplatePlaceholder, string | null>>,
): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name as TemplatePlaceholder];
    return value ? value : whole;
  });
}
