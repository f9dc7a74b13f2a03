import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What changed, who changed it and when; never the values (so erasing a person never means
 * rewriting history). Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_occurred_at_id', ['occurredAt', 'id'])
@Index('ix_audit_events_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_events_actor_user_id', ['actorUserId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_events' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  /** Null for the system itself (jobs, first-start setup). No FK: the trail outlives its users. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** `<entity>.<verb>`, e.g. `user.created`, `auth.login-failed`. */
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 100 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  /** Names of the fields that changed (or were read, for sensitive reads); never their values. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  changedFields: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;

  /** Facts about the event that are not personal data (e.g. an import's counts); never field values. */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, string | number | boolean> | null;
}
