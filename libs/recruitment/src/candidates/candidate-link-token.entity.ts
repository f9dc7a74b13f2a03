import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Application } from '../applications/application.entity.js';
import { Candidate } from './candidate.entity.js';

/**
 * What a candidate link is for. A token authenticates only the routes of its purpose, and nothing else:
 * - `candidate-link`: the candidate's own page (`/candidate-link/*`): consent, diversity-monitoring answers, reasonable
 *   adjustments, Disability Confident per application.
 *
 * Extension point: answering an offer through the link (the offers part) is a route of its own under
 * `/candidate-link/`, guarded by the same CandidateLinkGuard, reaching only the session's candidate's applications.
 * Should it need a token per application, add its purpose here (and to `ck_candidate_link_tokens_purpose`), issue it
 * with `applicationId`, and let CandidateLinkGuard admit that purpose on its route alone (today it admits
 * `candidate-link` only).
 */
export const CANDIDATE_LINK_PURPOSES = ['candidate-link'] as const;
export type CandidateLinkPurpose = (typeof CANDIDATE_LINK_PURPOSES)[number];

const PURPOSES_SQL = CANDIDATE_LINK_PURPOSES.map((p) => `'${p}'`).join(', ');

/**
 * A link sent to a candidate: an unguessable token (32 random bytes) kept only as its SHA-256, for one purpose, one
 * candidate (and an application where the purpose needs one), until it expires or is revoked (reissuing revokes the
 * candidate's live links of that purpose). Never returned by any route: the token exists only in the email.
 */
@Entity({ name: 'candidate_link_tokens' })
@Index('uq_candidate_link_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('ix_candidate_link_tokens_candidate_id', ['candidateId'])
@Index('ix_candidate_link_tokens_application_id', ['applicationId'])
@Check('ck_candidate_link_tokens_purpose', `purpose IN (${PURPOSES_SQL})`)
@Check('ck_candidate_link_tokens_expiry', 'expires_at > created_at')
export class CandidateLinkToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_candidate_link_tokens' })
  id: string;

  @Column({ type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_link_tokens_candidate_id' })
  candidate?: Relation<Candidate>;

  /** The application a purpose is about, when it is about one (none yet). */
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_candidate_link_tokens_application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 30 })
  purpose: CandidateLinkPurpose;

  /** SHA-256 of the token; the token itself is never stored. */
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  issuedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
