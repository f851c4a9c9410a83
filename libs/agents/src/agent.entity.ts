import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgentRole, Presence } from './agent-role';
import { Team } from './team.entity';

@Entity('agents')
export class Agent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: AgentRole;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('boolean')
  active!: boolean;

  @Column('text')
  presence!: Presence;

  @Column('timestamptz')
  presenceChangedAt!: Date;

  /** Tokens carry the version they were issued at; a password change or deactivation adds one. */
  @Column('integer', { default: 0 })
  tokenVersion!: number;

  @ManyToMany(() => Team)
  @JoinTable({
    name: 'agent_teams',
    joinColumn: { name: 'agent_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'team_id', referencedColumnName: 'id' },
  })
  teams!: Team[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
