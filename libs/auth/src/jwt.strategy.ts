import { AppConfig, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, type JWSHeaderParameters, type JWTPayload } from 'jose';
import type { Algorithm, Jwt, JwtPayload } from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import { actorOf } from './actors.js';
import { Unauthenticated } from './auth.errors.js';
import { SigningKeys } from './signing-keys.js';
import { ACCESS_TOKEN_TYPE } from './tokens.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

const LOCAL_ALGORITHMS: Algorithm[] = ['ES256'];
const OIDC_ALGORITHMS: Algorithm[] = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_S = 5;

type RemoteJwks = ReturnType<typeof createRemoteJWKSet>;

/**
 * The key a token may be verified with, chosen from its (not yet verified) header and issuer: one of
 * this service's own keys by `kid` for its own access tokens (`typ: at+jwt`, ES256 only), or the
 * department identity provider's, from its JWKS, for the provider's tokens. Never a key the token
 * brings or points to (`jwk`, `jku`, `x5u` are not read). Anything else is refused here, before any
 * signature is checked.
 */
function keyProvider(config: AppConfig, keys: SigningKeys, remoteJwks: RemoteJwks | undefined): SecretOrKeyProvider {
  const { oidc } = config.auth;
  const keyFor = async (token: string): Promise<KeyObject> => {
    let header: JWSHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      payload = decodeJwt(token);
    } catch {
      throw new Unauthenticated('The access token is malformed or has no key id');
    }
    if (typeof header.kid !== 'string') throw new Unauthenticated('The access token is malformed or has no key id');
    if (payload.iss === config.auth.issuer) {
      const key =
        header.typ === ACCESS_TOKEN_TYPE && LOCAL_ALGORITHMS.includes(header.alg as Algorithm)
          ? keys.verificationKey(header.kid)
          : undefined;
      if (!key) throw new Unauthenticated('The access token was not signed by a key of this service');
      return key;
    }
    if (oidc && remoteJwks && payload.iss === oidc.issuer && OIDC_ALGORITHMS.includes(header.alg as Algorithm)) {
      const key = await remoteJwks({ alg: header.alg, kid: header.kid }).catch(() => {
        throw new Unauthenticated("The identity provider does not know this token's key");
      });
      return key instanceof KeyObject ? key : KeyObject.from(key);
    }
    throw new Unauthenticated('The access token comes from an issuer this service does not trust');
  };
  return (_request: FastifyRequest, rawJwtToken: string, done) => {
    keyFor(rawJwtToken).then(
      // @types/passport-jwt says string | Buffer, but passport-jwt hands the key straight to jsonwebtoken
      // 9's verify, which takes a KeyObject (and checks its type against the token's algorithm).
      (key) => done(null, key as unknown as Buffer),
      (err: unknown) => done(err),
    );
  };
}

/**
 * Authenticates `Authorization: Bearer <access token>` (passport-jwt, behind the global JwtAuthGuard).
 * passport-jwt verifies the signature with the key `keyProvider` chose, the algorithm (pinned per
 * issuer there, and overall here), `exp` (required), `nbf`, `iss` and `aud`. `validate` then checks
 * what is particular to this service: the token's type and audience for its issuer, and that the user
 * it names exists, is enabled, and has not ended their sessions since it was issued. Every refusal is
 * an Unauthenticated; a database failure while reading the user passes on as it is (503).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    keys: SigningKeys,
  ) {
    const { oidc, issuer, audience } = config.auth;
    const remoteJwks = oidc
      ? createRemoteJWKSet(new URL(oidc.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 })
      : undefined;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(config, keys, remoteJwks),
      algorithms: [...new Set([...LOCAL_ALGORITHMS, ...(oidc ? OIDC_ALGORITHMS : [])])],
      issuer: oidc ? [issuer, oidc.issuer] : [issuer],
      audience: oidc ? [audience, oidc.audience] : [audience],
      // `complete`: validate() sees the verified header too, for its `typ`.
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_S, complete: true },
    });
  }

  /** The actor the verified token stands for; Unauthenticated (with the reason) when it stands for none. */
  async validate({ header, payload }: Jwt): Promise<Actor> {
    if (typeof payload === 'string') throw new Unauthenticated('The access token is not a JSON object');
    const { local, sub } = this.subjectOf(payload);
    // An access token of this service, never a refresh token or any other JWT signed with its keys.
    if (local && header.typ !== ACCESS_TOKEN_TYPE) throw new Unauthenticated('The token is not an access token');
    const user = local
      ? await this.users.findForAuthentication(sub)
      : await this.users.findByOidcSubject(payload.iss ?? '', sub);
    return this.admit(payload, local, user);
  }

  /** The claims every token must carry, and the user it names (`local`: a user of this service). */
  private subjectOf(payload: JwtPayload): { local: boolean; sub: string } {
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.iat !== 'number') {
      throw new Unauthenticated('The access token must carry exp, iat and sub');
    }
    const { oidc } = this.config.auth;
    const local = payload.iss === this.config.auth.issuer;
    // Each issuer's own audience: passport-jwt accepts either issuer with either audience.
    const expectedAudience = local ? this.config.auth.audience : oidc?.audience;
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!expectedAudience || !audiences.includes(expectedAudience)) {
      throw new Unauthenticated('The access token is not meant for this service');
    }
    if (local && !isUUID(payload.sub)) throw new Unauthenticated('The access token names no user of this service');
    return { local, sub: payload.sub };
  }

  /** The actor, if the user may still use this token: enabled, and the session not ended since it was issued. */
  private admit(payload: JwtPayload, local: boolean, user: User | null): Actor {
    if (!user || user.disabledAt) throw new Unauthenticated('This account cannot sign in');
    // iat has whole seconds; iat_ms lets a revocation at 12:00:00.400 spare a token issued at 12:00:00.700.
    const issuedAtMs = typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000;
    if (local && issuedAtMs < user.tokensValidAfter.getTime()) {
      throw new Unauthenticated('This session has ended; sign in again');
    }
    return actorOf(user);
  }
}
