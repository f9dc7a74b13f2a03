import type { User } from '@capability/auth';
import request from 'supertest';
import { expect } from 'vitest';
import type { TestApp } from '../../support/app.js';
import { createUser, TEST_PASSWORD, type UserOverrides } from '../../support/factories.js';

export type Browser = ReturnType<typeof request.agent>;

/** The CSRF token a page's forms carry (the first `_csrf` field). */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no form with a CSRF token');
  return token;
}

/** The text of a page's <title>. */
export function titleOf(html: string): string {
  return (/<title[^>]*>([^<]*)<\/title>/.exec(html)?.[1] ?? '').trim();
}

/** A cookie-keeping client (like a browser without JavaScript), not signed in. */
export function browser(t: TestApp): Browser {
  return request.agent(t.app.getHttpServer());
}

/** Signs in through the sign-in form, as a person would; the agent keeps the session cookie. */
export async function signInAs(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Browser> {
  const agent = browser(t);
  const page = await agent.get('/sign-in').expect(200);
  await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password, next: '/' })
    .expect(303)
    .expect('location', '/');
  return agent;
}

/** A new user (createUser's overrides), signed in through the form. */
export async function signedInBrowser(
  t: TestApp,
  overrides: UserOverrides = {},
): Promise<{ user: User; agent: Browser }> {
  const user = await createUser(t, overrides);
  return { user, agent: await signInAs(t, user.email) };
}

/**
 * Posts a form the way the page at `from` would: with that page's CSRF token. `fields` are the form's
 * other fields (arrays repeat the name).
 */
export async function submitForm(
  agent: Browser,
  from: string,
  action: string,
  fields: Record<string, string | string[]>,
): Promise<request.Response> {
  const page = await agent.get(from);
  expect(page.status, `GET ${from}`).toBe(200);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfOf(page.text) });
}
