import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BillingCategory, Channel, Priority, TicketStatus } from '@ledgerdesk/contracts';

@Entity('tickets')
export class Ticket {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  number!: string;

  @Column('text', { nullable: true })
  externalKey!: string | null;

  @Column('text')
  subject!: string;

  @Column('text')
  channel!: Channel;

  @Column('text')
  category!: BillingCategory;

  @Column('text')
  priority!: Priority;

  @Column('text')
  status!: TicketStatus;

  @Column('text', { nullable: true })
  requesterEmail!: string | null;

  @Column('text', { nullable: true })
  requesterPhone!: string | null;

  @Column('text', { nullable: true })
  requesterName!: string | null;

  @Column('uuid', { nullable: true })
  assigneeId!: string | null;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Column('uuid', { nullable: true })
  customerAccountId!: string | null;

  @Column('text', { array: true })
  tags!: string[];

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  solvedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;
}
