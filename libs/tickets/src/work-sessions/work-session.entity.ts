import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WorkSessionEndReason = 'stopped' | 'idle' | 'imported';

@Entity('work_sessions')
export class WorkSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  ticketId!: string;

  @Column('uuid')
  agentId!: string;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('timestamptz')
  lastHeartbeatAt!: Date;

  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  @Column('text', { nullable: true })
  endReason!: WorkSessionEndReason | null;

  @Column({ type: 'bigint', nullable: true })
  endEventId!: string | null;
}
