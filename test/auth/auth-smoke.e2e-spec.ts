import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn, TEST_PASSWORD } from '../support/factories.js';

describe('sign in and read me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('logs in and reads /me with the access token', async () => {
    const user = await createUser(t, { email: 'Jo@Department.Example' });
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'jo@department.example', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });

  it('answers 401 problem+json without a token', async () => {
    const res = await t.http().get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives a signed-in factory user access', async () => {
    const { auth } = await signedIn(t, { roles: ['admin'] });
    const res = await t.http().get('/api/v1/users').set(auth);
    expect(res.status).toBe(200);
  });
});
