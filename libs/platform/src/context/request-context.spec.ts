import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { REQUEST_CONTEXT, requestIdOf } from './request-context.js';

const request = (id?: unknown): IncomingMessage & { id?: unknown } => ({ id }) as IncomingMessage & { id?: unknown };

describe('the request context', () => {
  it('is opened by ClsMiddleware mounted on every route, with a request id', () => {
    expect(REQUEST_CONTEXT).toMatchObject({ mount: true, generateId: true });
    expect(REQUEST_CONTEXT.idGenerator).toBe(requestIdOf);
  });

  it('carries the id Fastify gave the request (middie copies it onto the raw request)', () => {
    expect(requestIdOf(request('trace-42'))).toBe('trace-42');
  });

  it('falls back to a new UUID when the request has none', () => {
    for (const id of [undefined, '', 42]) {
      expect(requestIdOf(request(id))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdOf(request())).not.toBe(requestIdOf(request()));
  });
});
