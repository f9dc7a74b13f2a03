import { AuditService, Transactional } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InvalidCredentials, InvalidRefreshToken } from './auth.errors.js';
import type { LoginSubjects } from './login-failures.repository.js';
import { LoginLimits, TooManyLoginFailures } from './login-limits.js';
import { Passwords } from './passwords.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { securityEvent, subjectHash } from './security-log.js';
import { hashRefreshToken, Tokens, type TokenPair } from './tokens.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { WebSessionsRepository } from './web-sessions.repository.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly passwords: Passwords,
    private readonly tokens: Tokens,
    private readonly audit: AuditService,
    private readonly limits: LoginLimits,
    private readonly webSessions: WebSessionsRepository,
  ) {}

  /**
   * Refused (429) while the account or the client is locked by failed sign-ins (LoginLimits), before
   * the password is looked at. Failures are recorded in their own commits: the error that reports them
   * must not roll them back.
   */
  async login(email: string, password: string, client: { ip: string }): Promise<TokenPair> {
    const { user, subjects } = await this.checkCredentials(email, password, client);
    return this.completeLogin(user, subjects);
  }

  /**
   * The sign-in check shared by the API's login and the web pages' sign-in form: the same login limits,
   * security events and audit. Returns the user, signed in (last login recorded); issues no token.
   */
  async authenticate(email: string, password: string, client: { ip: string }): Promise<User> {
    const { user, subjects } = await this.checkCredentials(email, password, client);
    await this.recordSignIn(user, subjects);
    return user;
  }

  private async checkCredentials(
    email: string,
    password: string,
    client: { ip: string },
  ): Promise<{ user: User; subjects: LoginSubjects }> {
    const subjects = this.limits.subjects(email, client.ip);
    const lockedForSeconds = await this.limits.lockedForSeconds(subjects);
    if (lockedForSeconds > 0) {
      securityEvent('auth.login-refused', { subject: subjectHash(subjects.account), ip: client.ip });
      throw new TooManyLoginFailures(lockedForSeconds);
    }
    const user = await this.users.findByEmail(subjects.account);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabledAt) {
      securityEvent('auth.login-failed', {
        reason: !user ? 'unknown-account' : user.disabledAt ? 'disabled' : 'wrong-password',
        subject: subjectHash(subjects.account),
        userId: user?.id,
        ip: client.ip,
      });
      await this.limits.recordFailure(subjects);
      if (user) await this.audit.record(null, { action: 'auth.login-failed', entityType: 'user', entityId: user.id });
      throw new InvalidCredentials();
    }
    return { user, subjects };
  }

  @Transactional()
  private async completeLogin(user: User, subjects: LoginSubjects): Promise<TokenPair> {
    await this.recordSignIn(user, subjects);
    return this.issue(user, randomUUID());
  }

  @Transactional()
  private async recordSignIn(user: User, subjects: LoginSubjects): Promise<void> {
    await this.limits.recordSuccess(subjects);
    await this.users.touchLogin(user.id);
    await this.audit.record({ userId: user.id }, { action: 'auth.login', entityType: 'user', entityId: user.id });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored) throw new InvalidRefreshToken();
    if (stored.usedAt || stored.revokedAt) {
      // Someone replayed a token already spent: assume theft, end the whole session.
      await this.revokeReused(stored.familyId, stored.userId);
      throw new InvalidRefreshToken();
    }
    const user = await this.users.findById(stored.userId);
    if (!user || user.disabledAt) {
      await this.refreshTokens.revokeFamily(stored.familyId);
      throw new InvalidRefreshToken();
    }
    const pair = await this.rotate(user, stored.id, stored.familyId);
    if (!pair) {
      // Lost a race with a concurrent refresh of the same token: that is reuse too.
      await this.revokeReused(stored.familyId, stored.userId);
      throw new InvalidRefreshToken();
    }
    return pair;
  }

  @Transactional()
  private async rotate(user: User, tokenId: string, familyId: string): Promise<TokenPair | null> {
    if (!(await this.refreshTokens.consume(tokenId))) return null;
    return this.issue(user, familyId);
  }

  @Transactional()
  private async revokeReused(familyId: string, userId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(familyId);
    await this.audit.record({ userId }, { action: 'auth.refresh-reused', entityType: 'user', entityId: userId });
    securityEvent('auth.refresh-reused', { userId });
  }

  /** Ends the session the refresh token belongs to; with `everywhere`, every session of the user. */
  @Transactional()
  async logout(userId: string, refreshToken: string | undefined, everywhere: boolean): Promise<void> {
    if (everywhere) {
      await this.refreshTokens.revokeAllForUser(userId);
      await this.webSessions.removeAllForUser(userId);
      await this.users.update(userId, { tokensValidAfter: new Date() });
    } else if (refreshToken) {
      const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
      if (stored?.userId === userId) await this.refreshTokens.revokeFamily(stored.familyId);
    }
    await this.audit.record(
      { userId },
      { action: everywhere ? 'auth.logout-everywhere' : 'auth.logout', entityType: 'user', entityId: userId },
    );
  }

  private async issue(user: User, familyId: string): Promise<TokenPair> {
    const next = this.tokens.newRefreshToken();
    await this.refreshTokens.insert({ userId: user.id, familyId, tokenHash: next.hash, expiresAt: next.expiresAt });
    return {
      accessToken: this.tokens.issueAccessToken(user),
      refreshToken: next.token,
      expiresIn: this.tokens.accessTokenTtlSeconds(),
      tokenType: 'Bearer',
    };
  }
}
