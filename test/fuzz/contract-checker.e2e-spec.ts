import type { Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { contractViolations, routeFor } from '../support/contract.js';

/** The contract checker itself: it must bite, or a green suite proves nothing. */

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const reply = (status: number, body: unknown, type = 'application/json; charset=utf-8'): Response =>
  ({
    status,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body ?? {},
    text: body === undefined ? '' : JSON.stringify(body),
  }) as unknown as Response;

const location = {
  id: ID,
  code: 'LON',
  name: 'London',
  region: 'London',
  isRegionalHub: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const problem = (status: number): Record<string, unknown> => ({
  type: 'urn:ddat-capability:problem:not-found',
  title: 'Not found',
  status,
  detail: 'No location',
  instance: `/api/v1/locations/${ID}`,
  requestId: ID,
});
const PROBLEM = 'application/problem+json; charset=utf-8';

describe('contract checker', () => {
  it('resolves literal segments before parameters', () => {
    expect(routeFor('/api/v1/staff/export.csv')).toBe('/api/v1/staff/export.csv');
    expect(routeFor(`/api/v1/staff/${ID}`)).toBe('/api/v1/staff/{id}');
    expect(routeFor('/api/v1/nothing')).toBeUndefined();
  });

  it('accepts a documented body and refuses missing, extra, mistyped and misformatted fields', () => {
    const url = `http://127.0.0.1/api/v1/locations/${ID}`;
    expect(contractViolations('GET', url, reply(200, location))).toEqual([]);
    const { code: _code, ...missing } = location;
    expect(contractViolations('GET', url, reply(200, missing)).join()).toMatch(/required property 'code'/);
    expect(contractViolations('GET', url, reply(200, { ...location, secret: 1 })).join()).toMatch(/additional/);
    expect(contractViolations('GET', url, reply(200, { ...location, version: '1' })).join()).toMatch(/number/);
    expect(contractViolations('GET', url, reply(200, { ...location, id: 'x' })).join()).toMatch(/uuid/);
    expect(contractViolations('GET', url, reply(200, location, 'text/html')).join()).toMatch(/content type/);
  });

  it('refuses an undocumented status and a problem that is not a problem', () => {
    const url = `/api/v1/locations/${ID}`;
    expect(contractViolations('GET', url, reply(404, problem(404), PROBLEM))).toEqual([]);
    expect(contractViolations('GET', url, reply(418, problem(418), PROBLEM)).join()).toMatch(/not documented/);
    expect(contractViolations('GET', url, reply(404, problem(404))).join()).toMatch(/problem\+json/);
    expect(contractViolations('GET', url, reply(404, problem(400), PROBLEM)).join()).toMatch(/≠ HTTP 404/);
    expect(contractViolations('GET', url, reply(404, { ...problem(404), stack: 'x' }, PROBLEM)).join()).toMatch(
      /additional/,
    );
  });

  it('wants no body on 304 and 204, and takes nullable fields', () => {
    expect(contractViolations('GET', `/api/v1/locations/${ID}`, reply(304, undefined))).toEqual([]);
    expect(contractViolations('POST', '/api/v1/auth/logout', reply(204, undefined))).toEqual([]);
    expect(contractViolations('POST', '/api/v1/auth/logout', reply(204, { a: 1 })).join()).toMatch(/no body/);
    const page = { items: [], nextCursor: null };
    expect(contractViolations('GET', '/api/v1/locations', reply(200, page))).toEqual([]);
    expect(contractViolations('GET', '/api/v1/locations', reply(200, { items: [] })).join()).toMatch(/nextCursor/);
  });

  it('checks routes it does not know only for problem shape, and a malformed request likewise', () => {
    expect(contractViolations('GET', '/nope', reply(404, problem(404), PROBLEM))).toEqual([]);
    expect(contractViolations('GET', '/nope', reply(200, {})).join()).toMatch(/does not document/);
    expect(contractViolations('DELETE', `/api/v1/locations/${ID}`, reply(404, problem(404)))).not.toEqual([]);
    expect(
      contractViolations('GET', `/api/v1/locations/${ID}`, reply(418, problem(418), PROBLEM), { malformed: true }),
    ).toEqual([]);
  });
});
