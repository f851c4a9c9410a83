import { AgentRole } from '@ledgerdesk/agents';
import { BillingCategory, Channel, Priority } from '@ledgerdesk/tickets';

/** Shared by every demo login; printed by `seed-demo` and the quick start. */
export const DEMO_PASSWORD = 'ledgerdesk-demo';

export interface DemoAgent {
  email: string;
  name: string;
  role: AgentRole;
  teams: string[];
}

export const DEMO_AGENTS: DemoAgent[] = [
  { email: 'admin@ledgerdesk.demo', name: 'Alex Admin', role: 'admin', teams: ['Billing Operations'] },
  {
    email: 'sam@ledgerdesk.demo',
    name: 'Sam Supervisor',
    role: 'supervisor',
    teams: ['Billing Operations', 'Collections'],
  },
  { email: 'ada@ledgerdesk.demo', name: 'Ada Lovelace', role: 'agent', teams: ['Billing Operations'] },
  { email: 'grace@ledgerdesk.demo', name: 'Grace Hopper', role: 'agent', teams: ['Billing Operations'] },
  { email: 'linus@ledgerdesk.demo', name: 'Linus Pauling', role: 'agent', teams: ['Collections'] },
];

export interface DemoTicket {
  channel: Channel;
  subject: string;
  body: string;
  category: BillingCategory;
  priority: Priority;
  requester: { email?: string; phone?: string; name: string };
  team: string;
  /** Who works it in the demo, and how far. */
  agent?: string;
  reply?: string;
  note?: string;
  call?: { minutes: number; holdSeconds: number; wrapUpSeconds: number; outcome: string };
  finalStatus?: 'open' | 'pending' | 'on_hold' | 'solved';
}

export const DEMO_TICKETS: DemoTicket[] = [
  {
    channel: 'email',
    subject: 'Charged twice for my November invoice',
    body: 'Hello,\nmy card statement shows two charges of 120.00 EUR for invoice INV-2031. Please refund one.\n\nThanks, Priya',
    category: 'duplicate_charge',
    priority: 'high',
    requester: { email: 'priya@northwind.example', name: 'Priya Natarajan' },
    team: 'Billing Operations',
    agent: 'ada@ledgerdesk.demo',
    reply:
      'Hi Priya, I can see both charges. I have started a refund of the duplicate; it takes 3–5 business days.',
    finalStatus: 'solved',
  },
  {
    channel: 'chat',
    subject: 'Why did my bill go up this month?',
    body: 'My invoice is 15% higher than last month and I did not change my plan.',
    category: 'invoice_question',
    priority: 'normal',
    requester: { email: 'tomas@acme.example', name: 'Tomás Ruiz' },
    team: 'Billing Operations',
    agent: 'grace@ledgerdesk.demo',
    reply:
      'Hi Tomás, the increase is the annual price adjustment announced in September. Details are on page 2 of the invoice.',
    finalStatus: 'pending',
  },
  {
    channel: 'phone',
    subject: 'Payment made but account shows overdue',
    body: 'Customer called: paid 480.00 by bank transfer on the 3rd, reference NW-7781, still shows overdue.',
    category: 'payment_not_applied',
    priority: 'urgent',
    requester: { phone: '+44 20 7946 0958', name: 'Oliver Grant' },
    team: 'Collections',
    agent: 'linus@ledgerdesk.demo',
    call: { minutes: 9, holdSeconds: 120, wrapUpSeconds: 90, outcome: 'payment_located' },
    note: 'Found the transfer in the suspense account; applying it to INV-1988.',
    finalStatus: 'on_hold',
  },
  {
    channel: 'web',
    subject: 'Refund for cancelled annual plan',
    body: 'I cancelled within the 14-day window and would like the refund of 1,188.00 USD.',
    category: 'refund_request',
    priority: 'normal',
    requester: { email: 'mei@contoso.example', name: 'Mei Chen' },
    team: 'Billing Operations',
  },
  {
    channel: 'api',
    subject: 'Update billing contact and VAT number',
    body: 'Please change our billing contact to ap@fabrikam.example and add VAT number DE123456789.',
    category: 'account_update',
    priority: 'low',
    requester: { email: 'ap@fabrikam.example', name: 'Fabrikam Accounts Payable' },
    team: 'Billing Operations',
    agent: 'ada@ledgerdesk.demo',
    note: 'Waiting for the signed change form before updating the VAT number.',
    finalStatus: 'open',
  },
  {
    channel: 'email',
    subject: 'Card expired — how do I update my payment method?',
    body: 'My card on file expired last month. Where can I add the new one?',
    category: 'payment_method',
    priority: 'normal',
    requester: { email: 'jonas@litware.example', name: 'Jonas Berg' },
    team: 'Billing Operations',
  },
  {
    channel: 'phone',
    subject: 'Dispute of late fee on INV-1920',
    body: 'Customer disputes the 25.00 late fee; says the invoice arrived after the due date.',
    category: 'incorrect_charge',
    priority: 'high',
    requester: { phone: '+1 415 555 0142', email: 'dana@adventure.example', name: 'Dana Kim' },
    team: 'Collections',
  },
];

/** Reply templates a billing desk starts with (placeholders: see TEMPLATE_PLACEHOLDERS). */
export const DEMO_REPLY_TEMPLATES: { name: string; body: string }[] = [
  {
    name: 'Duplicate charge refunded',
    body:
      'Hello {{customer.firstName}},\n\nthank you for letting us know. The second charge was a duplicate: ' +
      'we have refunded it today, and it should be back on your statement within 5 business days.\n\n' +
      'Kind regards,\n{{agent.name}}',
  },
  {
    name: 'Current balance',
    body:
      'Hello {{customer.firstName}},\n\nthe balance of account {{account.number}} ({{account.name}}) is ' +
      '{{account.balance}} today. You can pay by card or bank transfer; please quote {{ticket.number}}.\n\n' +
      'Kind regards,\n{{agent.name}}',
  },
  {
    name: 'Payment received',
    body:
      'Hello {{customer.firstName}},\n\nwe have received your payment and applied it to your oldest open ' +
      'invoices. Your balance is now {{account.balance}}.\n\nKind regards,\n{{agent.name}}',
  },
];
