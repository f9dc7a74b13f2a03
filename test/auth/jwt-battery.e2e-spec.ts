import { SigningKeys, type User } from '@capability/auth';
import { calculateJwkThumbprint, type JWK } from 'jose';
import jwt from 'jsonwebtoken';
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';

/**
 * Every way we know to forge, stretch or misuse an access token, each sent to GET /api/v1/me. The
 * positive control is minted by the same helper with nothing changed, so each refusal is about the
 * one thing that test changes.
 */

const ME = '/api/v1/me';
const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Ctx {
  t: TestApp;
  user: User;
  other: User;
  kid: string;
  privateKey: KeyObject;
  /** The PEM the strategy hands to the verifier: what an HS256 confusion attack would use as the secret. */
  publicPem: string;
  attacker: { privateKey: KeyObject; jwk: JWK; thumbprint: string };
}

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  iat_ms?: number;
  jti?: string;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A correct access token for `c.user` unless the overrides change something. */
function claims(c: Ctx, overrides: Claims = {}): Claims {
  const now = nowSeconds();
  const base: Claims = {
    sub: c.user.id,
    iss: c.t.config.auth.issuer,
    aud: c.t.config.auth.audience,
    iat: now,
    iat_ms: Date.now(),
    nbf: now,
    exp: now + 5 * 60,
    jti: randomUUID(),
  };
  const merged: Record<string, unknown> = { ...base, ...overrides };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged;
}

function mint(
  c: Ctx,
  overrides: Claims = {},
  header: Record<string, unknown> = {},
  key: KeyObject = c.privateKey,
): string {
  return jwt.sign(claims(c, overrides), key, {
    algorithm: 'ES256',
    // jsonwebtoken adds an iat of its own unless told not to.
    noTimestamp: 'iat' in overrides && overrides.iat === undefined,
    header: { alg: 'ES256', typ: 'at+jwt', kid: c.kid, ...header },
  });
}

/** Signs by hand, for algorithms jsonwebtoken refuses to produce. */
function handMade(header: Record<string, unknown>, payload: Claims, sign: (input: string) => string): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign(input)}`;
}

function flipChar(s: string, index: number): string {
  const c = s.charAt(index);
  return s.slice(0, index) + (c === 'A' ? 'B' : 'A') + s.slice(index + 1);
}

const BATTERY: [string, (c: Ctx) => string | Promise<string>][] = [
  ['alg none (unsigned)', (c) => handMade({ alg: 'none', typ: 'at+jwt', kid: c.kid }, claims(c), () => '')],
  [
    'alg "None" with a junk signature',
    (c) => handMade({ alg: 'None', typ: 'at+jwt', kid: c.kid }, claims(c), () => 'AAAA'),
  ],
  [
    "HS256 keyed with the service's public key PEM",
    (c) =>
      handMade({ alg: 'HS256', typ: 'at+jwt', kid: c.kid }, claims(c), (input) =>
        createHmac('sha256', c.publicPem).update(input).digest('base64url'),
      ),
  ],
  ['no exp', (c) => mint(c, { exp: undefined })],
  [
    'expired a minute ago',
    (c) =>
      mint(c, {
        iat: nowSeconds() - 960,
        iat_ms: Date.now() - 960_000,
        nbf: nowSeconds() - 960,
        exp: nowSeconds() - 60,
      }),
  ],
  ['nbf an hour in the future', (c) => mint(c, { nbf: nowSeconds() + 3600 })],
  ['no iat', (c) => mint(c, { iat: undefined, iat_ms: undefined })],
  ['no sub', (c) => mint(c, { sub: undefined })],
  ['the wrong aud', (c) => mint(c, { aud: 'https://another-service.example' })],
  ['no aud', (c) => mint(c, { aud: undefined })],
  ['the wrong iss', (c) => mint(c, { iss: 'https://evil.example' })],
  ['typ JWT instead of at+jwt', (c) => mint(c, {}, { typ: 'JWT' })],
  ['typ refresh+jwt instead of at+jwt', (c) => mint(c, {}, { typ: 'refresh+jwt' })],
  ['no typ', (c) => mint(c, {}, { typ: undefined })],
  [
    'a tampered signature',
    (c) => {
      const token = mint(c);
      const dot = token.lastIndexOf('.');
      return flipChar(token, dot + 10);
    },
  ],
  [
    'a tampered payload (sub swapped, signature kept)',
    (c) => {
      const [header, , signature] = mint(c).split('.');
      return `${header}.${base64url(claims(c, { sub: c.other.id }))}.${signature}`;
    },
  ],
  ['an unknown kid', (c) => mint(c, {}, { kid: 'kid-this-service-never-issued' })],
  ['no kid', (c) => mint(c, {}, { kid: undefined })],
  [
    "an attacker's key in a jwk header and a jku, with our kid",
    (c) => mint(c, {}, { jwk: c.attacker.jwk, jku: 'http://127.0.0.1:1/jwks' }, c.attacker.privateKey),
  ],
  [
    "an attacker's key in a jwk header and a jku, with its own thumbprint as kid",
    (c) =>
      mint(
        c,
        {},
        { kid: c.attacker.thumbprint, jwk: c.attacker.jwk, jku: 'http://127.0.0.1:1/jwks' },
        c.attacker.privateKey,
      ),
  ],
  ["an attacker's key with our kid and no hints", (c) => mint(c, {}, {}, c.attacker.privateKey)],
  ['a sub that is not a uuid', (c) => mint(c, { sub: 'admin' })],
  ['a sub that is an injection attempt', (c) => mint(c, { sub: "' OR '1'='1" })],
  ['the sub of a user who does not exist', (c) => mint(c, { sub: '00000000-0000-4000-8000-000000000000' })],
  [
    'the sub of a deleted user',
    async (c) => {
      const token = mint(c, { sub: c.other.id });
      await c.t.dataSource.query('DELETE FROM users WHERE id = $1', [c.other.id]);
      await c.t.notified();
      return token;
    },
  ],
  [
    'the refresh token',
    async (c) => {
      const res = await c.t.http().post('/api/v1/auth/login').send({ email: c.user.email, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      return res.body.refreshToken as string;
    },
  ],
  ['a random string', () => 'not-a-token-at-all'],
  ['two segments only', (c) => mint(c).split('.').slice(0, 2).join('.')],
];

describe('access-token battery against GET /me', () => {
  let t: TestApp;
  let c: Ctx;
  let attacker: Ctx['attacker'];

  beforeAll(async () => {
    t = await createTestApp();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    attacker = { privateKey, jwk, thumbprint: await calculateJwkThumbprint(jwk) };
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    const privateKey = createPrivateKey(inject('privateKeyPem'));
    const user = await createUser(t, { email: 'jo@department.example' });
    const other = await createUser(t, { email: 'admin@department.example', roles: ['admin'] });
    // Sessions start long ago, so a refusal below can only be about the token, never about tokensValidAfter.
    await t.dataSource.query(`UPDATE users SET tokens_valid_after = '2000-01-01T00:00:00Z'`);
    await t.notified();
    c = {
      t,
      user,
      other,
      kid: t.app.get(SigningKeys).signingKey().kid,
      privateKey,
      publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
      attacker,
    };
  });

  it('the kid the battery signs with is the one in the JWKS', async () => {
    const res = await t.http().get('/.well-known/jwks.json');

    expect((res.body.keys as { kid: string }[]).map((k) => k.kid)).toContain(c.kid);
  });

  it('positive control: a correctly minted token reads /me', async () => {
    const res = await t
      .http()
      .get(ME)
      .set('Authorization', `Bearer ${mint(c)}`);

    expect(res.status).toBe(200);
    expect(res.body.id).toBe(c.user.id);
  });

  it('positive control: the same token for the other user reads their /me', async () => {
    const res = await t
      .http()
      .get(ME)
      .set('Authorization', `Bearer ${mint(c, { sub: c.other.id })}`);

    expect(res.status).toBe(200);
    expect(res.body.id).toBe(c.other.id);
  });

  it.each(BATTERY)('refuses %s with 401 problem+json', async (_name, make) => {
    const token = await make(c);

    const res = await t.http().get(ME).set('Authorization', `Bearer ${token}`);

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.type).toBe('urn:ddat-capability:problem:unauthenticated');
    expect(Object.keys(res.body).sort()).toEqual(['detail', 'instance', 'requestId', 'status', 'title', 'type']);
    expect(res.text).not.toMatch(
      /\bat \S+ \(|\.ts:\d+|\.js:\d+|stack|jsonwebtoken|JsonWebTokenError|invalid signature/i,
    );
  });

  it('ignores a valid token passed as ?access_token= instead of the header', async () => {
    const res = await t.http().get(`${ME}?access_token=${mint(c)}`);

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:ddat-capability:problem:unauthenticated');
  });

  it('ignores a valid token sent with another scheme than Bearer', async () => {
    const res = await t
      .http()
      .get(ME)
      .set('Authorization', `Token ${mint(c)}`);

    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:ddat-capability:problem:unauthenticated');
  });
});

describe('signing-key rotation', () => {
  // An app that signs with a new key and still accepts the old one, listed in AUTH_PREVIOUS_PUBLIC_KEYS.
  let t: TestApp;
  let previous: KeyObject;
  const previousKid = 'previous-key-2025';
  beforeAll(async () => {
    previous = createPrivateKey(inject('privateKeyPem'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // Given carelessly with its private part: the JWKS must still publish only the public one.
    const previousJwk = { ...previous.export({ format: 'jwk' }), kid: previousKid };
    t = await createTestApp({
      AUTH_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      AUTH_PREVIOUS_PUBLIC_KEYS: JSON.stringify([previousJwk]),
    });
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  const sign = (user: User, key: KeyObject, kid: string): string =>
    jwt.sign({ iat_ms: Date.now() }, key, {
      algorithm: 'ES256',
      header: { alg: 'ES256', typ: 'at+jwt', kid },
      subject: user.id,
      issuer: t.config.auth.issuer,
      audience: t.config.auth.audience,
      expiresIn: 300,
    });

  it('publishes the current and the previous key, neither with a private part', async () => {
    const res = await t.http().get('/.well-known/jwks.json');

    const keys = res.body.keys as Record<string, unknown>[];
    expect(keys.map((k) => k.kid)).toEqual([t.app.get(SigningKeys).signingKey().kid, previousKid]);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('accepts a token signed by the previous key under its kid, and only under its kid', async () => {
    const user = await createUser(t);

    expect(
      (
        await t
          .http()
          .get(ME)
          .set('Authorization', `Bearer ${sign(user, previous, previousKid)}`)
      ).status,
    ).toBe(200);
    const current = t.app.get(SigningKeys).signingKey().kid;
    expect(
      (
        await t
          .http()
          .get(ME)
          .set('Authorization', `Bearer ${sign(user, previous, current)}`)
      ).status,
    ).toBe(401);
  });

  it('issues new tokens with the current key only', async () => {
    const user = await createUser(t, { email: 'jo@department.example' });

    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'jo@department.example', password: TEST_PASSWORD });

    expect(jwt.decode(login.body.accessToken as string, { complete: true })?.header.kid).toBe(
      t.app.get(SigningKeys).signingKey().kid,
    );
    expect((await t.http().get(ME).set('Authorization', `Bearer ${login.body.accessToken}`)).body.id).toBe(user.id);
  });
});
