import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TicketEventType } from './ticket-event-type';

/** One immutable entry of the interaction log (a database trigger refuses updates and deletes). */
@Entity('ticket_events')
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  ticketId!: string;

  @Column('text')
  type!: TicketEventType;

  @Column('text')
  actorKind!: 'agent' | 'customer' | 'system';

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('timestamptz')
  at!: Date;

  @Column('timestamptz')
  recordedAt!: Date;

  @Column('text')
  source!: 'live' | 'import';

  @Column('text', { nullable: true })
  externalId!: string | null;

  @Column('jsonb')
  payload!: Record<string, unknown>;
}
