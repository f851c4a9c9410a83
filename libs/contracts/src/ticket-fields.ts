export const CHANNELS = ['email', 'chat', 'phone', 'web', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const BILLING_CATEGORIES = [
  'invoice_question',
  'incorrect_charge',
  'payment_not_applied',
  'refund_request',
  'duplicate_charge',
  'payment_method',
  'plan_change',
  'account_update',
  'collections',
  'other',
] as const;
export type BillingCategory = (typeof BILLING_CATEGORIES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * Unsolved: what the inbox views, their live counts and the open-queue metrics take. On hold is
 * one: its SLA targets keep running (calendar time), so it must not drop out of sight.
 */
export const UNSOLVED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const oneOf = (values: readonly string[]): string => values.join(', ');
