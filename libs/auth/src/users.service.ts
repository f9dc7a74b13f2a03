import {
  AppConfig,
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { LastAdmin, OidcNotConfigured, UserNotFound } from './auth.errors.js';
import { Passwords } from './passwords.js';
import type { Role } from './permissions.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import type { User } from './user.entity.js';
import { UsersRepository, type UserFilter, type UserPatch } from './users.repository.js';

export interface NewUser {
  email: string;
  displayName: string;
  roles: Role[];
  roleFamilies?: string[];
  staffId?: string | null;
  /** Omitted: the user signs in through the identity provider only, or an admin sets one later. */
  password?: string;
  /** The user's `sub` at the configured identity provider (OIDC_ISSUER), for single sign-on. */
  oidcSubject?: string | null;
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  roleFamilies?: string[];
  staffId?: string | null;
  disabled?: boolean;
  password?: string;
  oidcSubject?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Transactional()
  async create(actor: Actor | null, input: NewUser): Promise<User> {
    const user = await this.users.insert({
      email: input.email,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      roleFamilies: [...new Set(input.roleFamilies ?? [])],
      staffId: input.staffId ?? null,
      passwordHash: input.password ? await this.passwords.hash(input.password) : null,
      ...this.oidcLink(input.oidcSubject),
    });
    await this.audit.record(actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      changedFields: [
        'email',
        'displayName',
        'roles',
        'roleFamilies',
        'staffId',
        ...(input.password ? ['password'] : []),
        ...(input.oidcSubject ? ['oidcSubject'] : []),
      ],
    });
    return user;
  }

  /** Links a user to the identity provider's subject (or unlinks with null). */
  private oidcLink(
    subject: string | null | undefined,
  ): Pick<User, 'oidcIssuer' | 'oidcSubject'> | Record<string, never> {
    if (subject === undefined) return {};
    if (subject === null) return { oidcIssuer: null, oidcSubject: null };
    const issuer = this.config.auth.oidc?.issuer;
    if (!issuer) throw new OidcNotConfigured();
    return { oidcIssuer: issuer, oidcSubject: subject };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new UserNotFound(id);
    return user;
  }

  list(filter: UserFilter, page: PageQuery): Promise<Page<User>> {
    return this.users.list(filter, page);
  }

  /** Changes a user at the version the caller read (If-Match). Disabling ends every session at once. */
  @Transactional()
  async update(actor: Actor | null, id: string, version: number, changes: UserChanges): Promise<User> {
    const current = await this.get(id);
    const patch: UserPatch = {
      displayName: changes.displayName,
      roles: changes.roles ? [...new Set(changes.roles)] : undefined,
      roleFamilies: changes.roleFamilies ? [...new Set(changes.roleFamilies)] : undefined,
      staffId: changes.staffId,
    };
    if (changes.oidcSubject !== undefined) Object.assign(patch, this.oidcLink(changes.oidcSubject));
    const fields = changedFields(current, patch);
    const now = new Date();
    if (changes.disabled !== undefined && changes.disabled !== (current.disabledAt !== null)) {
      patch.disabledAt = changes.disabled ? now : null;
      fields.push('disabled');
    }
    if (changes.password) {
      patch.passwordHash = await this.passwords.hash(changes.password);
      fields.push('password');
    }
    if (fields.length === 0) {
      // Nothing would change: no new version, no audit row; a stale If-Match is still refused.
      if (current.version !== version) throw new PreconditionFailedError('user');
      return current;
    }
    const endsSessions = patch.disabledAt instanceof Date || patch.passwordHash !== undefined;
    if (endsSessions) patch.tokensValidAfter = now;
    const losesAdmin =
      current.roles.includes('admin') &&
      (patch.disabledAt instanceof Date || (patch.roles && !patch.roles.includes('admin')));

    // Without the lock, two admins disabled at once would each still see the other as enabled.
    if (losesAdmin) await this.users.lockEnabledAdmins();
    const updated = await this.users.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('user');
    if (losesAdmin && !(await this.users.anyEnabledAdmin())) throw new LastAdmin();
    if (endsSessions) await this.refreshTokens.revokeAllForUser(id);
    await this.audit.record(actor, { action: 'user.updated', entityType: 'user', entityId: id, changedFields: fields });
    return updated;
  }
}
