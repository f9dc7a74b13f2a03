import { registerConstraintMessages } from '@capability/platform';
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthService } from './auth.service.js';
import { FirstAdmin } from './first-admin.js';
import { JwtAuthGuard, PermissionsGuard, SessionAuthGuard } from './guards.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginFailure } from './login-failure.entity.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { LoginLimits } from './login-limits.js';
import { Passwords } from './passwords.js';
import { PurgeExpiredRefreshTokensJob } from './purge-expired-refresh-tokens.job.js';
import { PurgeExpiredWebSessionsJob } from './purge-expired-web-sessions.job.js';
import { PurgeLoginFailuresJob } from './purge-login-failures.job.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SigningKeys } from './signing-keys.js';
import { Tokens } from './tokens.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { WebSession } from './web-session.entity.js';
import { WebSessionsRepository } from './web-sessions.repository.js';

export const AUTH_ENTITIES = [User, RefreshToken, LoginFailure, WebSession];

registerConstraintMessages({
  uq_users_email: 'A user with this email already exists',
  uq_users_oidc_subject: 'Another user is already linked to this identity-provider subject',
  ck_users_roles: 'roles must hold at least one of admin, hr, head_of_profession, staff',
});

@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES), PassportModule],
  providers: [
    UsersRepository,
    RefreshTokensRepository,
    Passwords,
    SigningKeys,
    Tokens,
    AuthService,
    UsersService,
    JwtStrategy,
    JwtAuthGuard,
    SessionAuthGuard,
    PermissionsGuard,
    FirstAdmin,
    WebSessionsRepository,
    PurgeExpiredWebSessionsJob,
    PurgeExpiredRefreshTokensJob,
    LoginFailuresRepository,
    LoginLimits,
    PurgeLoginFailuresJob,
  ],
  exports: [
    AuthService,
    UsersService,
    SigningKeys,
    Tokens,
    JwtAuthGuard,
    SessionAuthGuard,
    PermissionsGuard,
    FirstAdmin,
    Passwords,
    WebSessionsRepository,
  ],
})
export class AuthModule {}
