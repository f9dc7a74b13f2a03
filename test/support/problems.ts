import type { Response } from 'supertest';
import { expect } from 'vitest';

export const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * Asserts an RFC 9457 problem response: status, media type, stable `type`, the request id, and
 * nothing of the internals (stack frames, SQL, driver or framework error names).
 */
export function expectProblem(res: Response, status: number, code: string): Record<string, unknown> {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  const body = res.body as Record<string, unknown>;
  expect(body.type).toBe(`urn:ddat-capability:problem:${code}`);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toEqual(expect.any(String));
  expect(body.requestId).toBe(res.headers['x-request-id']);
  expect(res.text).not.toMatch(/\bstack\b|node_modules|\.[jt]s:\d+|\bat [\w.<>]+ \(/);
  expect(res.text).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b|QueryFailedError|FST_ERR|syntax for type/);
  return body;
}
