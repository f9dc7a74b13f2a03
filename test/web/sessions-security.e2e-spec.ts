/**
 * The pages' sessions and forms under attack: CSRF (no token, another session's token), session
 * fixation (a new id at sign-in), signing out (this browser, or everywhere: web and API), a disabled
 * account and an ended session refused at once, idle and absolute expiry, the CSP (no inline script
 * without the response's nonce), the cookie's flags, redirects that never leave the service, and the
 * API untouched by cookies or form bodies. Each refusal changes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../apps/web/src/setup-web.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn, TEST_PASSWORD } from '../support/factories.js';
import { browser, csrfOf, signInAs, type Browser } from './support/pages.js';

const sessionCookieOf = (setCookie: string[] | string | undefined): string | undefined =>
  [setCookie ?? []]
    .flat()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0];

describe('web pages: sessions, CSRF and headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const countSessions = async (userId: string): Promise<number> =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM web_sessions WHERE user_id = $1', [userId])
      )[0]?.n,
    );
  const signedInHome = async (agent: Browser): Promise<boolean> => {
    const res = await agent.get('/');
    if (res.status === 303) {
      expect(res.headers.location).toBe('/sign-in');
      return false;
    }
    expect(res.status).toBe(200);
    return true;
  };

  it('refuses a form posted without a CSRF token or with another session’s, and changes nothing', async () => {
    const user = await createUser(t);
    const agent = await signInAs(t, user.email);
    const other = await signInAs(t, (await createUser(t)).email);
    const othersToken = csrfOf((await other.get('/')).text);

    for (const fields of [{}, { _csrf: othersToken }, { _csrf: 'not-a-token' }]) {
      const res = await agent
        .post('/sign-out')
        .type('form')
        .send({ ...fields, everywhere: 'true' });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('This form has expired or did not come from this service');
      expect(await signedInHome(agent)).toBe(true);
    }
    expect(await countSessions(user.id)).toBe(1);
    expect(
      await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action LIKE 'auth.logout%' AND actor_user_id = $1`, [
        user.id,
      ]),
    ).toEqual([]);

    // The sign-in form too: a login posted cross-site, without the form's token, signs nobody in.
    const fresh = browser(t);
    await fresh.get('/sign-in').expect(200);
    const res = await fresh.post('/sign-in').type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(await signedInHome(fresh)).toBe(false);
  });

  it('issues a new session id at sign-in: the id held before signs nobody in (no fixation)', async () => {
    const user = await createUser(t);
    const agent = browser(t);
    const page = await agent.get('/sign-in').expect(200);
    const before = sessionCookieOf(page.headers['set-cookie']);
    expect(before).toBeDefined();
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD, next: '/' })
      .expect(303);
    const after = sessionCookieOf(signIn.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // An attacker who planted `before` holds a session that is not signed in.
    const planted = await browser(t)
      .get('/')
      .set('Cookie', before ?? '');
    expect(planted.status).toBe(303);
    expect(planted.headers.location).toBe('/sign-in');
    const victim = await browser(t)
      .get('/')
      .set('Cookie', after ?? '');
    expect(victim.status).toBe(200);
  });

  it('signs out of this browser only, or everywhere (every web session and the API’s tokens)', async () => {
    const user = await createUser(t);
    const first = await signInAs(t, user.email);
    const second = await signInAs(t, user.email);
    const third = await signInAs(t, user.email);
    const api = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(await countSessions(user.id)).toBe(3);

    const out = await first
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf((await first.get('/')).text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/signed-out');
    expect(await signedInHome(first)).toBe(false);
    expect(await signedInHome(second)).toBe(true);
    expect(await countSessions(user.id)).toBe(2);

    const everywhere = await second
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf((await second.get('/')).text), everywhere: 'true' });
    expect(everywhere.headers.location).toBe('/signed-out?everywhere=true');
    expect(await signedInHome(third)).toBe(false);
    expect(await countSessions(user.id)).toBe(0);
    await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${api.body.accessToken as string}`)
      .expect(401);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: api.body.refreshToken }).expect(401);
  });

  it('refuses a disabled account’s session at once, and one ended by a sign-out everywhere through the API', async () => {
    const { auth: admin } = await signedIn(t, { roles: ['admin'] });
    const user = await createUser(t);
    const agent = await signInAs(t, user.email);
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .set(admin)
      .set('If-Match', '"1"')
      .send({ disabled: true })
      .expect(200);
    await t.notified();
    expect(await signedInHome(agent)).toBe(false);

    const other = await createUser(t);
    const otherAgent = await signInAs(t, other.email);
    const tokens = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: other.email, password: TEST_PASSWORD })
      .expect(200);
    await t
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${tokens.body.accessToken as string}`)
      .send({ everywhere: true })
      .expect(204);
    await t.notified();
    expect(await signedInHome(otherAgent)).toBe(false);
  });

  it('ends a session idle too long, or past its absolute lifetime, however active', async () => {
    const user = await createUser(t);
    const idle = await signInAs(t, user.email);
    await t.dataSource.query(`UPDATE web_sessions SET idle_expires_at = now() - interval '1 second'`);
    expect(await signedInHome(idle)).toBe(false);

    const active = await signInAs(t, user.email);
    expect(await signedInHome(active)).toBe(true);
    // Each request moves the idle expiry on, never past the absolute one.
    const [row] = await t.dataSource.query<{ idle: Date; absolute: Date }[]>(
      `SELECT idle_expires_at AS idle, absolute_expires_at AS absolute FROM web_sessions
        WHERE user_id = $1 AND idle_expires_at > now()`,
      [user.id],
    );
    expect(row!.idle.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(row!.idle.getTime()).toBeLessThanOrEqual(row!.absolute.getTime());
    await t.dataSource.query(
      `UPDATE web_sessions SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    expect(await signedInHome(active)).toBe(false);
  });

  it('sends a Content-Security-Policy with a fresh nonce, and no inline script goes without it', async () => {
    const user = await createUser(t);
    const agent = await signInAs(t, user.email);
    const nonces = new Set<string>();
    for (const path of ['/', '/accessibility', '/sign-in']) {
      const res = await (path === '/sign-in' ? browser(t) : agent).get(path).expect(200);
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
      expect(nonce).toBeDefined();
      nonces.add(nonce!);
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) {
        if (/\bsrc="\/assets\//.test(attributes)) continue;
        expect(attributes).toContain(`nonce="${nonce}"`);
      }
      expect(res.text).not.toMatch(/\son[a-z]+="/); // no inline event handlers
    }
    expect(nonces.size).toBe(3);
  });

  it('keeps the session cookie from scripts and other sites: HttpOnly, SameSite=Lax, no lifetime of its own', async () => {
    const res = await browser(t).get('/sign-in').expect(200);
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Expires=|Max-Age=/i);
  });

  it('sends the browser back where it was going after sign-in, never to another site', async () => {
    const user = await createUser(t);
    const going = await browser(t).get('/cookies?x=1');
    expect(going.status).toBe(200); // public
    const toHome = await browser(t).get('/').expect(303);
    expect(toHome.headers.location).toBe('/sign-in');
    for (const [next, expected] of [
      ['/accessibility', '/accessibility'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/api/v1/me', '/'],
    ] as const) {
      const agent = browser(t);
      const page = await agent.get(`/sign-in?next=${encodeURIComponent(next)}`).expect(200);
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD, next });
      expect(res.status).toBe(303);
      expect(res.headers.location, next).toBe(expected);
    }
  });

  it('shows the API’s refusals on the form: wrong password, then the API’s login limit', async () => {
    const user = await createUser(t);
    const agent = browser(t);
    const attempt = async (password: string): Promise<{ status: number; text: string }> => {
      const page = await agent.get('/sign-in');
      return agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: user.email, password });
    };
    const wrong = await attempt('wrong-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The email or password is not right');
    expect(wrong.text).toContain(`value="${user.email}"`); // kept what was typed
    await attempt('wrong-password');
    await attempt('wrong-password');
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/Too many failed sign-ins; try again in \d+ minutes?/);
    // The same lock as the API's: it counted the form's failures.
    await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
  });

  it('leaves the API as it was: cookies do not authenticate it, and it takes no form bodies', async () => {
    const user = await createUser(t);
    const agent = await signInAs(t, user.email);
    const me = await agent.get('/api/v1/me');
    expect(me.status).toBe(401);
    const form = await t
      .http({ malformed: true })
      .post('/api/v1/auth/login')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
