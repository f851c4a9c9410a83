import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { seesAllTickets } from '../access/ticket-access';

/** A WHERE clause built condition by condition, with numbered parameters. */
export class SqlFilter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: (param: (value: unknown) => string) => string): void {
    this.conditions.push(condition((value) => this.param(value)));
  }

  /** Adds a parameter without a condition; returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/**
 * Leaves out the placeholders of an import still running (alias `t`): they are not tickets
 * anyone can work on yet (migration 1764094300000).
 */
export function excludePlaceholders(filter: SqlFilter): void {
  filter.add(() => 'NOT t.placeholder');
}

/** Keeps the tickets (alias `t`) the agent may see: see TicketAccess. */
export function restrictToVisible(filter: SqlFilter, agent: AuthenticatedAgent | undefined): void {
  if (!agent || seesAllTickets(agent)) return;
  filter.add((p) => `(t.assignee_id = ${p(agent.id)} OR t.team_id = ANY(${p(agent.teamIds)}::uuid[]))`);
}
