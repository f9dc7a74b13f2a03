import { AppConfig } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, SigningKeys } from './signing-keys.js';
import type { User } from './user.entity.js';

/** RFC 9068's media type for JWT access tokens; refresh tokens are opaque and never JWTs. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class Tokens {
  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeys,
  ) {}

  /** A short-lived access token. It names the user only; roles and scopes are read fresh per request. */
  issueAccessToken(user: Pick<User, 'id'>): string {
    const { key, kid } = this.keys.signingKey();
    // iat has whole seconds; iat_ms lets a revocation at 12:00:00.400 spare a token issued at 12:00:00.700.
    return jwt.sign({ iat_ms: Date.now() }, key, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: kid,
      header: { alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid },
      subject: user.id,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      notBefore: 0,
      jwtid: randomUUID(),
    });
  }

  accessTokenTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000),
    };
  }
}
