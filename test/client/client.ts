import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { Response as SupertestResponse } from 'supertest';
import { expect } from 'vitest';
import { assertContract } from '../support/contract.js';
import type { components, paths } from './openapi.js';

/**
 * The typed client: openapi-fetch over the types `npm run openapi` generates from openapi.json
 * (test/client/openapi.d.ts), talking to the application over a real socket.
 */
export type Api = Client<paths>;
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\b/i;

/**
 * Checks every response against openapi.json with the same contract check as `TestApp.http()`
 * (test/support/contract.ts): an undocumented status, media type or body fails the request.
 */
export const contractCheck: Middleware = {
  async onResponse({ request, response }) {
    const text = await response.clone().text();
    const contentType = response.headers.get('content-type') ?? '';
    // The checker reads only what supertest would give it: status, headers, text and the parsed JSON body.
    const seen = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      body: JSON_MEDIA_TYPE.test(contentType) && text.length > 0 ? (JSON.parse(text) as unknown) : {},
    };
    assertContract(request.method, request.url, seen as unknown as SupertestResponse);
    return undefined;
  },
};

/** A caller of the API: a typed client that sends `token` (when set) as its bearer token. */
export interface Caller {
  api: Api;
  token: string | undefined;
}

export function connect(baseUrl: string, token?: string): Caller {
  const caller: Caller = { api: createClient<paths>({ baseUrl }), token };
  caller.api.use(
    {
      onRequest({ request }) {
        if (caller.token !== undefined) request.headers.set('Authorization', `Bearer ${caller.token}`);
        return request;
      },
    },
    contractCheck,
  );
  return caller;
}

/** Signs in with email and password through the API; the caller then uses the access token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Caller & Tokens> {
  const caller = connect(baseUrl);
  const { data, response } = await caller.api.POST('/api/v1/auth/login', { body: { email, password } });
  expect(response.status).toBe(200);
  if (!data) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  caller.token = data.accessToken;
  return Object.assign(caller, { tokens: data });
}

export interface Tokens {
  tokens: Schemas['TokenResponse'];
}

/** The problem type URN for a stable problem code. */
export const problemType = (code: string): string => `urn:ddat-capability:problem:${code}`;

/** Asserts an error answer: the HTTP status and the problem's `type` (and the problem's own `status`). */
export function expectProblem(
  result: { error?: Problem; response: Response },
  status: number,
  code: string,
): asserts result is { error: Problem; response: Response } {
  expect(result.response.status).toBe(status);
  expect(result.error).toMatchObject({ status, type: problemType(code) });
}

/** The version an ETag carries (`"3"` → `"3"`), checked to be there: what If-Match wants back. */
export function etagOf(response: Response): string {
  const etag = response.headers.get('etag');
  expect(etag).toMatch(/^"\d+"$/);
  return etag ?? '';
}

/** The value of a 2xx answer, failing the test with the problem if there was none. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }, status = 200): T {
  expect(result.response.status, JSON.stringify(result.error)).toBe(status);
  if (result.data === undefined) throw new Error(`no body in a ${result.response.status}`);
  return result.data;
}
