/** The API's response shapes, as the console reads them (see /api/docs/openapi.json). */
import type {
  BillingCategory as Category,
  Channel,
  KpiFigures,
  OpeningHours,
  Priority,
  SlaClock,
  SlaState,
  TicketEventItem,
  TicketStatus,
  Wire,
} from '@ledgerdesk/contracts';

export {
  BILLING_CATEGORIES as CATEGORIES,
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  UNSOLVED_STATUSES,
} from '@ledgerdesk/contracts';
export type {
  BillingCategory as Category,
  Channel,
  KpiFigures,
  Priority,
  TicketStatus,
} from '@ledgerdesk/contracts';

export type Role = 'agent' | 'supervisor' | 'admin';
export type Presence = 'available' | 'away' | 'offline';

export interface NamedRef {
  id: string;
  name: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  presence: Presence;
  teams: NamedRef[];
}

export interface AgentSummary extends Me {
  active: boolean;
}

export interface SlaTarget {
  dueAt: string;
  completedAt: string | null;
  /** Resolution while the ticket is pending; its due time moves on when the pause ends. */
  pausedSince: string | null;
  state: SlaState;
}

export interface Ticket {
  id: string;
  number: string;
  subject: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  status: TicketStatus;
  requester: { email: string | null; phone: string | null; name: string | null };
  assignee: NamedRef | null;
  team: NamedRef | null;
  accountId: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
  closedAt: string | null;
  /** Present once the SLA policies have landed on the server. */
  sla?: { firstResponse: SlaTarget; resolution: SlaTarget };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Aging {
  current: number;
  '1-30': number;
  '31-60': number;
  '61-90': number;
  '90+': number;
}

export interface InvoiceSummary {
  id: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  total: number;
  open: number;
  status: 'void' | 'disputed' | 'paid' | 'overdue' | 'partially_paid' | 'open';
}

export interface PaymentSummary {
  id: string;
  amount: number;
  currency: string;
  method: string;
  reference: string;
  receivedAt: string;
  allocated: number;
  unallocated: number;
  reversedAt: string | null;
}

/** `GET /api/agents` (admins manage them). */
export interface AgentRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  presence: Presence;
  presenceChangedAt: string;
  teams: NamedRef[];
  createdAt: string;
}

/** `GET /api/reply-templates`. */
export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

export type AdjustmentStatus = 'pending_approval' | 'approved' | 'rejected' | 'reversed';

/** One credit note, debit note or refund (`GET /api/adjustments`, and on a ticket's billing context). */
export interface AdjustmentSummary {
  id: string;
  accountId: string;
  accountNumber: string;
  accountName: string;
  kind: string;
  amount: number;
  currency: string;
  reasonCode: string;
  memo: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  status: AdjustmentStatus;
  madeBy: string | null;
  madeByName: string | null;
  madeAt: string;
  /** The ticket it was made from, if any. */
  ticketId: string | null;
  ticketNumber: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  reversedAt: string | null;
  reversalReason: string | null;
}

export interface BillingContext {
  account: { id: string; number: string; name: string; status: string; currency: string };
  balance: number;
  overdue: number;
  unappliedCredit: number;
  /** What a refund may take today: the credit balance less payments reserved for invoices not issued yet. */
  refundableCredit: number;
  aging: Aging;
  recentInvoices: InvoiceSummary[];
  recentPayments: PaymentSummary[];
  /** Every adjustment waiting for approval, then the latest others. */
  adjustments: AdjustmentSummary[];
  openDisputes: { invoiceId: string; number: string; open: number }[];
}

export interface TicketDetail extends Ticket {
  billing: BillingContext | null;
}

/** One item of `GET /api/tickets/:id/events` (also pushed as `ticket.event`). */
export type TimelineEntry = Wire<TicketEventItem>;

export interface AgentKpis extends KpiFigures {
  agentId: string;
  email: string;
  name: string;
  billingActions: number;
  billingAccuracy: number | null;
}

export type TargetDirection = 'at_least' | 'at_most';
export const TARGET_KPIS = [
  'fcrRate',
  'csatScore',
  'csatResponseRate',
  'billingAccuracy',
  'slaCompliance',
  'frtMeanSeconds',
  'frtMedianSeconds',
  'frtP90Seconds',
  'resolutionMeanSeconds',
  'resolutionMedianSeconds',
  'resolutionP90Seconds',
  'frtBusinessMeanSeconds',
  'frtBusinessMedianSeconds',
  'frtBusinessP90Seconds',
  'resolutionBusinessMeanSeconds',
  'resolutionBusinessMedianSeconds',
  'resolutionBusinessP90Seconds',
  'ahtSeconds',
  'reopenRate',
] as const;
export type TargetKpi = (typeof TARGET_KPIS)[number];

/** An agent's effective target for one KPI and whether the period's figure meets it (null: no figure). */
export interface AgentKpiTarget {
  target: number;
  direction: TargetDirection;
  met: boolean | null;
}

export interface AgentKpiPage {
  from: string;
  to: string;
  timezone: string;
  agents: AgentKpis[];
  /** Per agent id, per KPI. */
  targets?: Record<string, Partial<Record<TargetKpi, AgentKpiTarget>>>;
}

export interface KpiTargetDefinition {
  kpi: TargetKpi;
  direction: TargetDirection;
  min: number;
  max: number;
}

export interface KpiTarget {
  kpi: TargetKpi;
  direction: TargetDirection;
  /** null: desk-wide. */
  teamId: string | null;
  value: number;
  updatedAt: string;
  updatedBy: NamedRef | null;
}

export interface KpiTargets {
  definitions: KpiTargetDefinition[];
  targets: KpiTarget[];
}

export interface SlaPolicy {
  priority: Priority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  clock: SlaClock;
  updatedAt: string;
  updatedBy: NamedRef | null;
}

export interface UpdatedSlaPolicy extends SlaPolicy {
  retimedTickets: number;
}

export interface BusinessHours {
  timeZone: string;
  hours: OpeningHours[];
  holidays: { day: string; name: string }[];
  updatedAt: string;
  updatedBy: NamedRef | null;
}

export interface UpdatedBusinessHours extends BusinessHours {
  retimedTickets: number;
}

export interface DailyKpis extends KpiFigures {
  day: string;
}

export interface DeskKpis extends KpiFigures {
  from: string;
  to: string;
  timezone: string;
  created: { channel: string; category: string; count: number }[];
  backlog: Record<string, number>;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; problems: string[] }[];
}
