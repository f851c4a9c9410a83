import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AgentEventType = 'agent.created' | 'agent.updated' | 'presence.changed';

/** Append-only history of an agent: creation, changes by admins, presence changes. */
@Entity('agent_events')
export class AgentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  agentId!: string;

  @Column('text')
  type!: AgentEventType;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @Column('jsonb')
  payload!: Record<string, unknown>;
}
