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

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const oneOf = (values: readonly string[]): string => values.join(', ');
