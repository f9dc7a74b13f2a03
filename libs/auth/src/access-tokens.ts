import { AppConfig, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet } from 'jose';
import jwt, { type Algorithm, type JwtPayload } from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { KeyObject } from 'node:crypto';
import { actorOf } from './actors.js';
import { Unauthenticated } from './auth.errors.js';
import { SigningKeys } from './signing-keys.js';
import { ACCESS_TOKEN_TYPE } from './tokens.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const LOCAL_ALGORITHMS: Algorithm[] = ['ES256'];
const OIDC_ALGORITHMS: Algorithm[] = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_S = 5;
/** A verified signature is trusted again for at most this long (and never past the token's exp). */
const VERIFIED_TTL_MS = 60_000;

/** The token from `Authorization: Bearer …`, or undefined when there is none in that form. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/**
 * Verifies access tokens: algorithm pinned per issuer, `exp` required, `iss`/`aud`/`nbf` checked,
 * only `typ: at+jwt` from this service, keys only from our own key set or the configured identity
 * provider's JWKS (never from `jku`/`jwk`/`x5u` headers). Then checks the user the token names, so a
 * disabled user or an ended session fails at once.
 *
 * A signature verified once is remembered (by the token's exact text) for up to a minute, never past
 * `exp`: the ECDSA check was a seventh of a point read's CPU. Only the signature is remembered; the
 * claims and the user are checked on every request.
 */
@Injectable()
export class AccessTokens {
  private readonly verified = new LRUCache<string, JwtPayload>({ max: 10_000 });
  private readonly remoteJwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: Algorithm[];
  private readonly issuers: [string, ...string[]];
  private readonly audiences: [string, ...string[]];

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    private readonly users: UsersRepository,
  ) {
    const { oidc } = config.auth;
    this.remoteJwks = oidc
      ? createRemoteJWKSet(new URL(oidc.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 })
      : undefined;
    this.algorithms = [...new Set([...LOCAL_ALGORITHMS, ...(oidc ? OIDC_ALGORITHMS : [])])];
    this.issuers = oidc ? [config.auth.issuer, oidc.issuer] : [config.auth.issuer];
    this.audiences = oidc ? [config.auth.audience, oidc.audience] : [config.auth.audience];
  }

  /**
   * The actor a bearer token stands for; Unauthenticated (with the reason) when it stands for none.
   * Answered at once, without a promise, when this token's signature was verified before and its user
   * is in memory (most requests); otherwise once the key and the user have been read.
   */
  authenticate(token: string): Actor | Promise<Actor> {
    const known = this.remembered(token);
    if (known) {
      const subject = this.subjectOf(known);
      const user = subject.local ? this.users.rememberedForAuthentication(subject.sub) : undefined;
      if (user) return this.admit(known, subject.local, user);
    }
    return this.authenticateAfresh(token);
  }

  /** The token's claims once its signature, issuer, audience and times hold. */
  async verify(token: string): Promise<JwtPayload> {
    const known = this.remembered(token);
    if (known) return known;
    const payload = await this.verifySignature(token);
    const ttl = Math.min(VERIFIED_TTL_MS, (payload.exp ?? 0) * 1000 - Date.now());
    if (ttl > 0) this.verified.set(token, Object.freeze(payload), { ttl });
    return payload;
  }

  private async authenticateAfresh(token: string): Promise<Actor> {
    const payload = await this.verify(token);
    const { local, sub } = this.subjectOf(payload);
    const user = local
      ? await this.users.findForAuthentication(sub)
      : await this.users.findByOidcSubject(payload.iss ?? '', sub);
    return this.admit(payload, local, user);
  }

  /** The claims of a token whose signature was verified before, while it has not expired. */
  private remembered(token: string): JwtPayload | undefined {
    const known = this.verified.get(token);
    return known && typeof known.exp === 'number' && known.exp * 1000 > Date.now() ? known : undefined;
  }

  private async verifySignature(token: string): Promise<JwtPayload> {
    const key = await this.keyFor(token);
    let payload: string | JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: this.algorithms,
        issuer: this.issuers,
        audience: this.audiences,
        clockTolerance: CLOCK_TOLERANCE_S,
      });
    } catch (err) {
      throw new Unauthenticated(err instanceof Error ? err.message : 'The access token is not valid');
    }
    if (typeof payload === 'string') throw new Unauthenticated('The access token is not a JSON object');
    return payload;
  }

  private async keyFor(token: string): Promise<KeyObject> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string' || typeof decoded.header.kid !== 'string') {
      throw new Unauthenticated('The access token is malformed or has no key id');
    }
    const { header, payload } = decoded;
    const { oidc } = this.config.auth;
    if (payload.iss === this.config.auth.issuer) {
      const key =
        header.typ === ACCESS_TOKEN_TYPE && LOCAL_ALGORITHMS.includes(header.alg as Algorithm)
          ? this.keys.verificationKey(header.kid ?? '')
          : undefined;
      if (!key) throw new Unauthenticated('The access token was not signed by a key of this service');
      return key;
    }
    if (oidc && this.remoteJwks && payload.iss === oidc.issuer && OIDC_ALGORITHMS.includes(header.alg as Algorithm)) {
      const key = await this.remoteJwks({ alg: header.alg, kid: header.kid }).catch(() => {
        throw new Unauthenticated("The identity provider does not know this token's key");
      });
      return key instanceof KeyObject ? key : KeyObject.from(key);
    }
    throw new Unauthenticated('The access token comes from an issuer this service does not trust');
  }

  /** The claims checked on every request, and the user the token names (`local`: a user of this service). */
  private subjectOf(payload: JwtPayload): { local: boolean; sub: string } {
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.iat !== 'number') {
      throw new Unauthenticated('The access token must carry exp, iat and sub');
    }
    const { oidc } = this.config.auth;
    const local = payload.iss === this.config.auth.issuer;
    const expectedAudience = local ? this.config.auth.audience : oidc?.audience;
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!expectedAudience || !audiences.includes(expectedAudience)) {
      throw new Unauthenticated('The access token is not meant for this service');
    }
    if (local && !UUID.test(payload.sub)) throw new Unauthenticated('The access token names no user of this service');
    return { local, sub: payload.sub };
  }

  /** The actor, if the user may still use this token: enabled, and the session not ended since it was issued. */
  private admit(payload: JwtPayload, local: boolean, user: User | null): Actor {
    if (!user || user.disabledAt) throw new Unauthenticated('This account cannot sign in');
    const issuedAtMs = typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000;
    if (local && issuedAtMs < user.tokensValidAfter.getTime()) {
      throw new Unauthenticated('This session has ended; sign in again');
    }
    return actorOf(user);
  }
}
