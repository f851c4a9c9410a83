import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('text')
  email!: string;

  @Column('uuid', { nullable: true })
  agentId!: string | null;

  @Column('boolean')
  succeeded!: boolean;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
