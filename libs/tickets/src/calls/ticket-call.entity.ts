import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CallDirection } from '@ledgerdesk/contracts';

@Entity('ticket_calls')
export class TicketCall {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  ticketId!: string;

  @Column({ type: 'bigint' })
  eventId!: string;

  @Column('uuid')
  agentId!: string;

  @Column('text')
  direction!: CallDirection;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('timestamptz')
  endedAt!: Date;

  @Column('integer')
  holdSeconds!: number;

  @Column('integer')
  wrapUpSeconds!: number;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('timestamptz')
  createdAt!: Date;
}
