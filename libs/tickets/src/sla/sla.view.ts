import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLA_STATES, SlaState } from '@ledgerdesk/contracts';

export class SlaTargetView {
  @ApiProperty({
    description:
      "Ticket creation + the target of its priority, on its policy's clock (calendar or business hours), plus the time the target was paused",
  })
  dueAt!: Date;

  @ApiPropertyOptional({ nullable: true, description: 'When the target was achieved; null while it runs' })
  completedAt!: Date | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'Since when the target is paused (resolution while the ticket is pending); its due time moves on by the pause when it ends',
  })
  pausedSince!: Date | null;

  @ApiProperty({
    enum: SLA_STATES,
    description:
      'met (achieved in time), breached (achieved late or running past due), due_soon (running, due within SLA_DUE_SOON_MINUTES), pending (running), paused (resolution while the ticket is pending)',
  })
  state!: SlaState;
}

export class TicketSlaView {
  @ApiProperty({ type: SlaTargetView, description: 'Met by the first agent contact (public reply or call)' })
  firstResponse!: SlaTargetView;

  @ApiProperty({
    type: SlaTargetView,
    description: 'Met by the solve; a reopen runs it again; paused while the ticket is pending',
  })
  resolution!: SlaTargetView;
}
