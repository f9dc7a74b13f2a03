export { actorOf } from './actors.js';
export {
  InvalidCredentials,
  InvalidRefreshToken,
  LastAdmin,
  MissingPermission,
  Unauthenticated,
  UserNotFound,
} from './auth.errors.js';
export { AUTH_ENTITIES, AuthModule } from './auth.module.js';
export { AuthService } from './auth.service.js';
export { CurrentActor, PUBLIC_ROUTE, Public, REQUIRED_PERMISSION, RequirePermission, WEB_PAGE } from './decorators.js';
export { DEFAULT_ADMIN_EMAIL, FirstAdmin, type AdminLogin } from './first-admin.js';
export { JwtAuthGuard, PermissionsGuard, SessionAuthGuard, SignInRequired, type SignedInSession } from './guards.js';
export { JwtStrategy } from './jwt.strategy.js';
export { LoginFailure } from './login-failure.entity.js';
export { LOGIN_FAILURE_WINDOW_MS, TooManyLoginFailures } from './login-limits.js';
export { Passwords } from './passwords.js';
export { Permission, ROLES, ROLE_PERMISSIONS, permissionsFor, type Role } from './permissions.js';
export { RefreshToken } from './refresh-token.entity.js';
export { securityEvent } from './security-log.js';
export { ACCESS_TOKEN_ALGORITHM, SigningKeys, type PublicJwk } from './signing-keys.js';
export { ACCESS_TOKEN_TYPE, Tokens, type TokenPair } from './tokens.js';
export { USERS_CHANGED_CHANNEL } from './user-cache.js';
export { User } from './user.entity.js';
export { UsersService, type NewUser, type UserChanges } from './users.service.js';
export { WebSession } from './web-session.entity.js';
export { WebSessionsRepository, type StoredSession } from './web-sessions.repository.js';
