import { DomainError } from '@capability/platform';

export class Unauthenticated extends DomainError {
  readonly code = 'unauthenticated';
  readonly status = 401;
  readonly title = 'Unauthenticated';
  constructor(detail = 'Sign in, or send a valid access token as "Authorization: Bearer <token>"') {
    super(detail);
  }
}

/** One answer for an unknown email and a wrong password, so neither can be told apart. */
export class InvalidCredentials extends DomainError {
  readonly code = 'invalid-credentials';
  readonly status = 401;
  readonly title = 'Invalid credentials';
  constructor() {
    super('The email or password is not right');
  }
}

export class InvalidRefreshToken extends DomainError {
  readonly code = 'invalid-refresh-token';
  readonly status = 401;
  readonly title = 'Invalid refresh token';
  constructor() {
    super('The refresh token is not valid; sign in again');
  }
}

export class MissingPermission extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
  readonly title = 'Forbidden';
  constructor() {
    super('You do not have permission to do this');
  }
}

export class UserNotFound extends DomainError {
  readonly code = 'user-not-found';
  readonly status = 404;
  readonly title = 'User not found';
  constructor(id: string) {
    super(`No user with id ${id}`);
  }
}

export class LastAdmin extends DomainError {
  readonly code = 'last-admin';
  readonly status = 409;
  readonly title = 'Last admin';
  constructor() {
    super('This is the last enabled admin; make another admin first');
  }
}

export class OidcNotConfigured extends DomainError {
  readonly code = 'oidc-not-configured';
  readonly status = 422;
  readonly title = 'Single sign-on not configured';
  constructor() {
    super('Set OIDC_ISSUER and OIDC_JWKS_URL before linking users to identity-provider subjects');
  }
}
