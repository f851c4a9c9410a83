import type { TemplatePlaceholder } from '@ledgerdesk/contracts';
import type { Me, TicketDetail } from '../shared/api-types';
import { formatMoney } from '../shared/money';

export type TemplateValues = Partial<Record<TemplatePlaceholder, string | null>>;

const firstWord = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

/** What a reply template's placeholders stand for on this ticket, for this agent. */
export function templateValues(ticket: TicketDetail, me: Me): TemplateValues {
  const billing = ticket.billing;
  return {
    'customer.name': ticket.requester.name,
    'customer.firstName': firstWord(ticket.requester.name),
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'agent.name': me.name,
    'agent.firstName': firstWord(me.name),
    'account.name': billing?.account.name ?? null,
    'account.number': billing?.account.number ?? null,
    'account.balance': billing ? formatMoney(billing.balance, billing.account.currency) : null,
  };
}
