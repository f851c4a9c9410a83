export const SLA_FILTERS = ['breached', 'due_soon', 'at_risk'] as const;
/** `breached`: a running target is past due; `due_soon`: none is, one is due soon; `at_risk`: either. */
export type SlaFilter = (typeof SLA_FILTERS)[number];

/**
 * The SQL condition on `<alias>.sla_due_at` (the soonest running target) for a filter;
 * `window()` gives the placeholder of the due-soon window in minutes, asked for only when used.
 */
export function slaCondition(filter: SlaFilter, window: () => string, alias = 't'): string {
  const due = `${alias}.sla_due_at`;
  const soon = (): string => `now() + make_interval(mins => ${window()}::int)`;
  switch (filter) {
    case 'breached':
      return `${due} <= now()`;
    case 'due_soon':
      return `(${due} > now() AND ${due} <= ${soon()})`;
    case 'at_risk':
      return `${due} <= ${soon()}`;
  }
}
