/**
 * Every page route, walked as every kind of caller, against the API's own policy table: a page mirrors an
 * API route (page-policy.ts) and answers as that route's policy row says. Signed out → the sign-in page;
 * a caller without the permission → "Page not found" (a 404 page, never an empty one or a 403 that
 * tells the page exists); a caller with it → the page (or, for a page about one record, that record's
 * own 404 when the id is nobody's). Every form route refuses a post without the session's CSRF token.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, type Caller } from '../security/policy.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { walkPages, type WalkedRoute } from '../support/routes.js';
import { pagePolicyRow } from './page-policy.js';
import { browser, signInAs, titleOf, type Browser } from './support/pages.js';

const ROLES: Record<
  Exclude<Caller, 'anonymous'>,
  { roles: ('staff' | 'head_of_profession' | 'hr' | 'admin')[]; roleFamilies?: string[] }
> = {
  staff: { roles: ['staff'] },
  head_of_profession: { roles: ['head_of_profession'], roleFamilies: ['data'] },
  hr: { roles: ['hr'] },
  admin: { roles: ['admin'] },
};

const concrete = (path: string): string => path.replace(/:[A-Za-z]+/g, () => randomUUID());

describe('web pages: every page route as every caller, by the API’s policy table', () => {
  let t: TestApp;
  let pages: WalkedRoute[];
  const agents = new Map<Caller, Browser>();

  beforeAll(async () => {
    t = await createTestApp();
    pages = walkPages(t.app);
    agents.set('anonymous', browser(t));
    for (const [caller, overrides] of Object.entries(ROLES) as [
      Exclude<Caller, 'anonymous'>,
      (typeof ROLES)['staff'],
    ][]) {
      const user = await createUser(t, overrides);
      agents.set(caller, await signInAs(t, user.email));
    }
  });
  afterAll(() => t?.close());

  it('finds the pages, each in the page policy', () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(pages.filter((p) => pagePolicyRow(p.key) === undefined).map((p) => p.key)).toEqual([]);
  });

  it('answers every GET page as the policy row says, for every caller', async () => {
    const seen: string[] = [];
    for (const page of pages.filter((p) => p.method === 'GET')) {
      const row = pagePolicyRow(page.key)!;
      for (const caller of CALLERS) {
        const agent = agents.get(caller)!;
        const path = concrete(page.path);
        const res = await agent.get(path);
        const outcome = row === 'public' ? 'public' : row[caller];
        const where = `${caller} GET ${page.path} (${outcome})`;
        seen.push(where);
        if (outcome === 'deny-401') {
          expect(res.status, where).toBe(303);
          expect(res.headers.location, where).toMatch(/^\/sign-in(\?next=.+)?$/);
          continue;
        }
        if (outcome === 'deny-403') {
          expect(res.status, where).toBe(404);
          expect(titleOf(res.text), where).toBe('Page not found – DDaT Capability Manager');
          continue;
        }
        // public, allow, scoped: the page itself (a signed-in caller on the sign-in page is sent home).
        if (page.path === '/sign-in' && caller !== 'anonymous') {
          expect(res.status, where).toBe(303);
          continue;
        }
        // The page, or the service's own answer about the record or person (404 with its title: "No staff
        // record" for a caller who is not a member of staff, a record nobody has), never "Page not found".
        expect([200, 404], where).toContain(res.status);
        if (res.status === 404) expect(titleOf(res.text), where).not.toMatch(/^Page not found/);
        expect(res.headers['content-type'], where).toMatch(/^text\/html/);
        expect(res.text, where).toMatch(/<h1 class="govuk-heading-[lx]l?"[^>]*>\s*\S/);
        expect(titleOf(res.text), where).toMatch(/ – DDaT Capability Manager$/);
      }
    }
    expect(seen.length).toBe(pages.filter((p) => p.method === 'GET').length * CALLERS.length);
  });

  it('refuses every form post without the session’s CSRF token, for every caller', async () => {
    const posts = pages.filter((p) => p.method !== 'GET');
    expect(posts.length).toBeGreaterThan(0);
    for (const page of posts) {
      for (const caller of CALLERS) {
        const res = await agents.get(caller)!.post(concrete(page.path)).type('form').send({ anything: 'x' });
        expect(res.status, `${caller} ${page.key}`).toBe(403);
        expect(res.text).toContain('This form has expired or did not come from this service');
      }
    }
  });
});
