import {
  DatabaseNotifications,
  entityFromRaw,
  paginate,
  queryPrepared,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { UserCache, USERS_CHANGED_CHANNEL } from './user-cache.js';
import { User } from './user.entity.js';

export interface UserFilter {
  role?: string;
  disabled?: boolean;
  email?: string;
}

export type UserPatch = Partial<
  Pick<
    User,
    | 'displayName'
    | 'roles'
    | 'roleFamilies'
    | 'staffId'
    | 'disabledAt'
    | 'tokensValidAfter'
    | 'passwordHash'
    | 'oidcIssuer'
    | 'oidcSubject'
  >
>;

@Injectable()
export class UsersRepository {
  /** The users table's columns, named (never `*`: a prepared `*` breaks when a later migration adds one). */
  private columnList?: string;

  private readonly cache: UserCache;
  private subscribed = false;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly notifications: DatabaseNotifications,
  ) {
    this.cache = new UserCache(() => notifications.listening());
  }

  private get repo() {
    return this.txHost.tx.getRepository(User);
  }

  /**
   * The user an access token names, for the per-request check: from memory while database
   * notifications can correct it and for at most the cache's TTL (see UserCache), otherwise read
   * afresh. Callers must not change it.
   */
  findForAuthentication(id: string): Promise<User | null> {
    if (!this.subscribed) {
      this.subscribed = true;
      this.notifications.listen(USERS_CHANGED_CHANNEL, this.cache);
    }
    return this.cache.read(id, () => this.findById(id));
  }

  /** One prepared statement: the user as stored now. */
  async findById(id: string): Promise<User | null> {
    const repo = this.repo;
    const columns = (this.columnList ??= repo.metadata.columns.map((c) => `"${c.databaseName}"`).join(', '));
    const [row] = await queryPrepared(this.txHost.tx, `SELECT ${columns} FROM users WHERE id = $1::uuid`, [id]);
    return row ? entityFromRaw(repo, row) : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }

  findByOidcSubject(issuer: string, subject: string): Promise<User | null> {
    return this.repo.findOneBy({ oidcIssuer: issuer, oidcSubject: subject });
  }

  async anyWithRole(role: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM users WHERE $1 = ANY(roles) LIMIT 1', [role]);
    return rows.length > 0;
  }

  async anyEnabledAdmin(): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      "SELECT 1 FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL LIMIT 1",
    );
    return rows.length > 0;
  }

  /**
   * Row-locks every enabled admin (in id order, so two callers cannot deadlock) until the transaction
   * ends: a change that may remove the last admin then waits for any other such change to commit.
   */
  async lockEnabledAdmins(): Promise<void> {
    await this.txHost.tx.query(
      "SELECT id FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL ORDER BY id FOR UPDATE",
    );
  }

  async insert(
    user: Pick<User, 'email' | 'displayName' | 'passwordHash' | 'roles' | 'roleFamilies' | 'staffId'> &
      Partial<Pick<User, 'oidcIssuer' | 'oidcSubject'>>,
  ): Promise<User> {
    const rows = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ ...user, email: user.email.toLowerCase() })
      .returning('*')
      .execute();
    return this.repo.create(rows.generatedMaps[0] as User);
  }

  /** Optimistic update: only when the stored version is `version`. Returns the new row, or null if none matched. */
  async updateIfVersion(id: string, version: number, patch: UserPatch): Promise<User | null> {
    this.cache.willChange(id);
    return updateIfVersion(this.repo, id, version, patch);
  }

  async update(id: string, patch: UserPatch): Promise<void> {
    this.cache.willChange(id);
    await this.repo
      .createQueryBuilder()
      .update(User)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async touchLogin(id: string): Promise<void> {
    await this.txHost.tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  list(filter: UserFilter, page: PageQuery): Promise<Page<User>> {
    const qb = this.repo.createQueryBuilder('u');
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.disabled !== undefined) {
      qb.andWhere(filter.disabled ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL');
    }
    if (filter.email) {
      qb.andWhere('u.email LIKE :email', { email: `${filter.email.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` });
    }
    return paginate(qb, page, [
      { column: 'u.created_at', value: (u) => u.createdAt },
      { column: 'u.id', value: (u) => u.id },
    ]);
  }
}
