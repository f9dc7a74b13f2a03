import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn } from '../support/factories.js';

const ISSUER = 'https://idp.department.example';
const AUDIENCE = 'ddat-capability-sso';

describe('tokens from the department identity provider (OIDC)', () => {
  let t: TestApp;
  let jwksServer: Server;
  let idpKey: CryptoKey;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    idpKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await createTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      OIDC_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });
  beforeEach(async () => t.reset());

  const idpToken = (
    claims: { sub: string; aud?: string; iss?: string; kid?: string },
    key: CryptoKey = idpKey,
  ): Promise<string> =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? 'idp-key-1' })
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('maps iss + sub to the linked user', async () => {
    const { auth } = await signedIn(t, { roles: ['admin'] });
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(auth)
      .send({
        email: 'sso.user@department.example',
        displayName: 'SSO User',
        roles: ['staff'],
        oidcSubject: 'idp|12345',
      });
    expect(created.status).toBe(201);
    expect(created.body.oidcSubject).toBe('idp|12345');
    expect(created.body.hasPassword).toBe(false);

    const me = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|12345' })}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(created.body.id);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a subject linked to nobody, a wrong audience, and a key the provider does not publish', async () => {
    await createUser(t, { email: 'linked@department.example' });
    await t.dataSource.query(
      `UPDATE users SET oidc_issuer = $1, oidc_subject = 'idp|linked' WHERE email = 'linked@department.example'`,
      [ISSUER],
    );
    const ok = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|linked' })}`);
    expect(ok.status).toBe(200);

    const stranger = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|nobody' })}`);
    expect(stranger.status).toBe(401);
    expect(stranger.headers['content-type']).toMatch(/application\/problem\+json/);

    const wrongAudience = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|linked', aud: 'someone-else' })}`);
    expect(wrongAudience.status).toBe(401);

    const rogue = await generateKeyPair('RS256');
    const forged = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|linked' }, rogue.privateKey)}`);
    expect(forged.status).toBe(401);

    // The local issuer's audience is not accepted on identity-provider tokens, and vice versa.
    const crossed = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|linked', aud: t.config.auth.audience })}`);
    expect(crossed.status).toBe(401);
  });

  it('a user disabled locally is refused even with a valid identity-provider token', async () => {
    await createUser(t, { email: 'leaver@department.example', disabled: true });
    await t.dataSource.query(
      `UPDATE users SET oidc_issuer = $1, oidc_subject = 'idp|leaver' WHERE email = 'leaver@department.example'`,
      [ISSUER],
    );
    const res = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await idpToken({ sub: 'idp|leaver' })}`);
    expect(res.status).toBe(401);
  });
});

describe('linking a subject without an identity provider configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers 422 and stores nothing', async () => {
    const { auth } = await signedIn(t, { roles: ['admin'] });
    const res = await t
      .http()
      .post('/api/v1/users')
      .set(auth)
      .send({ email: 'sso2@department.example', displayName: 'SSO', roles: ['staff'], oidcSubject: 'idp|1' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:ddat-capability:problem:oidc-not-configured');
    const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'sso2@department.example'`);
    expect(rows).toHaveLength(0);
  });
});
