import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_KINDS = ['customer', 'reply', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

@Entity('ticket_messages')
export class TicketMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  ticketId!: string;

  @Column({ type: 'bigint' })
  eventId!: string;

  @Column('text')
  kind!: MessageKind;

  @Column('uuid', { nullable: true })
  authorAgentId!: string | null;

  @Column('text')
  bodyHtml!: string;

  @Column('text')
  bodyText!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
