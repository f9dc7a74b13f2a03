import { Staff } from '@capability/workforce';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import type { Role } from './permissions.js';

@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
@Index('uq_users_oidc_subject', ['oidcIssuer', 'oidcSubject'], { unique: true, where: 'oidc_subject IS NOT NULL' })
@Index('ix_users_created_at_id', ['createdAt', 'id'])
@Check('ck_users_email_lowercase', 'email = lower(email)')
@Check(
  'ck_users_roles',
  `cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'hr', 'head_of_profession', 'staff']::varchar[]`,
)
@Check('ck_users_oidc_pair', '(oidc_issuer IS NULL) = (oidc_subject IS NULL)')
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Stored lower-case, so uniqueness is case-insensitive. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** argon2id; null for users who sign in only through the identity provider. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 30, array: true })
  roles: Role[];

  /** Role-family slugs a head of profession leads. */
  @Column({ type: 'varchar', length: 100, array: true, default: () => "'{}'" })
  roleFamilies: string[];

  /** The staff record this user is; line-management scope comes from it. */
  @Column({ type: 'uuid', nullable: true })
  staffId: string | null;

  @ManyToOne(() => Staff, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_users_staff_id' })
  staff?: Relation<Staff>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  oidcIssuer: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  oidcSubject: string | null;

  /** Set when the user is disabled (a leaver): every token stops working at once. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabledAt: Date | null;

  /** Access tokens issued before this instant are refused (disable, password change, sign out everywhere). */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  tokensValidAfter: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
