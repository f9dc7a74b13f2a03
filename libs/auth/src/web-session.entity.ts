import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * A browser session of the web pages (@fastify/session's store). The cookie holds a random id; only
 * its SHA-256 is stored. `userId` is null until sign-in (the sign-in form's CSRF secret lives in an
 * anonymous session). The session ends at `idleExpiresAt` (moved on by each request) or at
 * `absoluteExpiresAt`, whichever comes first; signing out deletes every session of the user.
 */
@Entity({ name: 'web_sessions' })
@Index('ix_web_sessions_user_id', ['userId'])
@Index('ix_web_sessions_idle_expires_at', ['idleExpiresAt'])
export class WebSession {
  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'pk_web_sessions' })
  idHash: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_web_sessions_user_id' })
  user?: Relation<User>;

  /** The session's own fields (the CSRF secret, the user, when they signed in, flash messages), as JSON. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  idleExpiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  absoluteExpiresAt: Date;
}
