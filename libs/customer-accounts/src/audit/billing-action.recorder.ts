import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { appendTicketEvent, TicketAccess } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';

export const BILLING_ACTIONS = [
  'account.created',
  'account.updated',
  'invoice.created',
  'invoice.voided',
  'invoice.disputed',
  'invoice.dispute_resolved',
  'payment.recorded',
  'payment.allocated',
  'payment.reversed',
  'allocation.removed',
  'adjustment.made',
  'adjustment.approved',
  'adjustment.rejected',
  'adjustment.reversed',
] as const;
export type BillingAction = (typeof BILLING_ACTIONS)[number];

export interface BillingActionEntry {
  action: BillingAction;
  entityType: 'account' | 'invoice' | 'payment' | 'allocation' | 'adjustment';
  entityId: string;
  accountId: string;
  before?: unknown;
  after?: unknown;
  /** The earlier action this one reverses or corrects (counts against its maker's accuracy). */
  correctsId?: string;
}

/** Where a billing action was done from: the acting agent and, optionally, a ticket. */
export interface BillingActionContext {
  agent: AuthenticatedAgent | null;
  ticketId?: string;
}

/**
 * Writes a billing action to the audit log (who, when, before/after) and, when it was done
 * from a ticket, to that ticket's interaction log — in the caller's transaction.
 */
@Injectable()
export class BillingActionRecorder {
  constructor(private readonly tickets: TicketAccess) {}

  /** Checks the ticket before any change: visible to the agent and of this account (or none yet). */
  async checkTicket(manager: EntityManager, context: BillingActionContext, accountId: string): Promise<void> {
    if (!context.ticketId || !context.agent) return;
    const ticket = await this.tickets
      .load(manager, context.ticketId, context.agent, { lock: true })
      .catch((error: unknown) => {
        // The ticket id comes with the request's fields, not its path: unknown is a bad field.
        if (!(error instanceof NotFoundException)) throw error;
        throw new UnprocessableEntityException({
          message: `ticketId: no ticket with id ${context.ticketId}`,
          details: [{ field: 'ticketId', problems: ['no such ticket'] }],
        });
      });
    if (ticket.customerAccountId && ticket.customerAccountId !== accountId) {
      throw new UnprocessableEntityException({
        message: `ticketId: ticket ${context.ticketId} belongs to another customer account`,
        details: [{ field: 'ticketId', problems: ['ticket of another account'] }],
      });
    }
  }

  async record(
    manager: EntityManager,
    context: BillingActionContext,
    entry: BillingActionEntry,
  ): Promise<string> {
    const [audit] = await manager.query<{ id: string }[]>(
      `INSERT INTO billing_audit_log (actor_id, action, entity_type, entity_id, account_id, ticket_id, corrects_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        context.agent?.id ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.accountId,
        context.ticketId ?? null,
        entry.correctsId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
    if (context.ticketId) {
      const actor = context.agent
        ? { kind: 'agent' as const, id: context.agent.id }
        : { kind: 'system' as const };
      const [linked] = await manager.query<[{ id: string }[], number]>(
        `UPDATE tickets SET customer_account_id = $2, updated_at = now()
          WHERE id = $1 AND customer_account_id IS NULL RETURNING id`,
        [context.ticketId, entry.accountId],
      );
      if (linked.length > 0) {
        await appendTicketEvent(manager, {
          ticketId: context.ticketId,
          type: 'ticket.account_linked',
          actor,
          payload: { accountId: entry.accountId, reason: 'billing_action' },
        });
      }
      await appendTicketEvent(manager, {
        ticketId: context.ticketId,
        type: 'billing.action',
        actor,
        payload: {
          action: entry.action,
          auditId: audit.id,
          accountId: entry.accountId,
          entityType: entry.entityType,
          entityId: entry.entityId,
          correctsAuditId: entry.correctsId ?? null,
          after: entry.after ?? null,
        },
      });
    }
    return audit.id;
  }

  /** The audit entry that recorded an entity's creation, for corrections to point at. */
  async originOf(
    manager: EntityManager,
    entityId: string,
    action: BillingAction,
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM billing_audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id LIMIT 1`,
      [entityId, action],
    );
    return row?.id;
  }
}
