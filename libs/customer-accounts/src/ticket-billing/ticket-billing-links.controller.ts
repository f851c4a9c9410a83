import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { appendTicketEvent, TicketAccess } from '@ledgerdesk/tickets';
import { IsIn, IsUUID } from 'class-validator';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';

export class BillingLinkDto {
  @ApiProperty({ enum: ['invoice', 'payment'] })
  @IsIn(['invoice', 'payment'], { message: 'type must be invoice or payment' })
  type!: 'invoice' | 'payment';

  @ApiProperty()
  @IsUUID('all', { message: 'id must be an invoice or payment id' })
  id!: string;
}

export class BillingLinkParams extends BillingLinkDto {
  @IsUUID('all', { message: 'ticketId must be a ticket id' })
  ticketId!: string;
}

/** Links a ticket to the invoices and payments it is about (and to their account). */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/billing-links')
export class TicketBillingLinksController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketAccess,
  ) {}

  @Post()
  @HttpCode(204)
  @ApiNoContentResponse()
  async link(
    @Param('ticketId', ParseIdPipe) ticketId: string,
    @Body() body: BillingLinkDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.tickets.load(manager, ticketId, agent, { lock: true });
      const table = body.type === 'invoice' ? 'invoices' : 'payments';
      const [entity] = await manager.query<{ account_id: string }[]>(
        `SELECT account_id FROM ${table} WHERE id = $1`,
        [body.id],
      );
      if (!entity)
        throw new UnprocessableEntityException({
          message: `id: no ${body.type} with id ${body.id}`,
          details: [{ field: 'id', problems: [`unknown ${body.type}`] }],
        });
      if (ticket.customerAccountId && ticket.customerAccountId !== entity.account_id) {
        throw new UnprocessableEntityException(
          `This ${body.type} belongs to another account than the ticket`,
        );
      }
      const actor = { kind: 'agent' as const, id: agent.id };
      if (!ticket.customerAccountId) {
        await manager.query(`UPDATE tickets SET customer_account_id = $2, updated_at = now() WHERE id = $1`, [
          ticketId,
          entity.account_id,
        ]);
        await appendTicketEvent(manager, {
          ticketId,
          type: 'ticket.account_linked',
          actor,
          payload: { accountId: entity.account_id, reason: `${body.type}_link` },
        });
      }
      const [inserted] = await manager.query<[unknown[], number]>(
        `INSERT INTO ticket_billing_links (ticket_id, entity_type, entity_id, linked_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING ticket_id`,
        [ticketId, body.type, body.id, agent.id],
      );
      if (Array.isArray(inserted) && inserted.length > 0) {
        await appendTicketEvent(manager, {
          ticketId,
          type: 'billing.action',
          actor,
          payload: {
            action: `${body.type}.linked`,
            entityType: body.type,
            entityId: body.id,
            accountId: entity.account_id,
          },
        });
      }
    });
  }

  @Delete(':type/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async unlink(@Param() params: BillingLinkParams, @CurrentAgent() agent: AuthenticatedAgent): Promise<void> {
    const { ticketId } = params;
    await this.dataSource.transaction(async (manager) => {
      await this.tickets.load(manager, ticketId, agent, { lock: true });
      const [deleted] = await manager.query<[unknown[], number]>(
        `DELETE FROM ticket_billing_links WHERE ticket_id = $1 AND entity_type = $2 AND entity_id = $3 RETURNING ticket_id`,
        [ticketId, params.type, params.id],
      );
      if (deleted.length > 0) {
        await appendTicketEvent(manager, {
          ticketId,
          type: 'billing.action',
          actor: { kind: 'agent', id: agent.id },
          payload: { action: `${params.type}.unlinked`, entityType: params.type, entityId: params.id },
        });
      }
    });
  }
}
