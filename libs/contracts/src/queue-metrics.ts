import { SlaAtRisk } from './sla';

/** `queue.metrics`: the supervisors' live view of the desk (docs/live-protocol.md). */
export interface QueueMetricsMessage {
  at: Date;
  open: {
    total: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, number>;
    byPriority: Record<string, number>;
    byTeam: { teamId: string | null; name: string | null; count: number }[];
  };
  unassigned: number;
  oldestWaiting: {
    ticketId: string;
    number: string;
    subject: string;
    waitingSince: Date;
    waitingSeconds: number;
  } | null;
  /** Tickets whose running SLA target is breached (most overdue first) or due soon (soonest first), 50 each at most. */
  sla: SlaAtRisk;
  agents: {
    agentId: string;
    name: string;
    presence: string;
    workingOn: { ticketId: string; number: string; subject: string; since: Date }[];
  }[];
  today: {
    date: string;
    timezone: string;
    created: number;
    resolved: number;
    fcrRate: number | null;
    ahtSeconds: number | null;
    frtMedianSeconds: number | null;
    /** The same, counting only the desk's business hours (README "KPI definitions"). */
    frtBusinessMedianSeconds: number | null;
    csatScore: number | null;
    csatResponses: number;
  };
}
