import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../apps/api/src/openapi.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  callContext,
  insertPrimaryRole,
  insertStaff,
  POLICY,
  ROUTE_CALLS,
  seedRouteFixture,
  send,
  snapshot,
  type CallContext,
  type RouteCall,
  type RouteFixture,
} from './policy.js';

/**
 * Input abuse (OWASP API3 mass assignment, parameter pollution, prototype pollution, type confusion),
 * generated from the policy table, the valid request of every route (./policy.ts) and the OpenAPI
 * document's schemas rather than written by hand per route. Everything is sent as an admin (or, for the
 * public routes, anonymously), so only input validation stands in the way; each refused write leaves its
 * table and the audit trail unchanged.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  $ref?: string;
  items?: Schema;
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Fields a client must never set, whatever the route. */
const MASS_ASSIGNMENT: Record<string, unknown> = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 99,
  createdAt: '2000-01-01T00:00:00.000Z',
  updatedAt: '2000-01-01T00:00:00.000Z',
  roles: ['admin'],
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
  isAdmin: true,
  disabledAt: null,
  tokensValidAfter: '2000-01-01T00:00:00.000Z',
  createdByUserId: '00000000-0000-4000-8000-000000000001',
};

/** Wrong-typed values for a property of the given schema (null is left out: optional fields may take it). */
function confusions(schema: Schema): unknown[] {
  switch (schema.type) {
    case 'string':
      return [3, true, ['x'], { value: 'x' }];
    case 'number':
    case 'integer':
      return ['3', [3], { value: 3 }];
    case 'boolean':
      return ['true', 1, [true]];
    case 'array':
      return [{ 0: 'x' }, 'x', 1];
    default:
      return [];
  }
}

const ROUTES = Object.keys(POLICY);
/** Validated against the framework JSON schema, not a DTO: it refuses a bad document with 422 framework-invalid. */
const FRAMEWORK_UPLOAD = 'POST /api/v1/framework/versions';
/** A malformed body (bad-request) or a field-level refusal; never an error of the service. */
const REFUSAL_TYPES = /^urn:ddat-capability:problem:(validation-failed|bad-request|framework-invalid)$/;
const methodOf = (key: string): string => key.split(' ')[0]!;
const openApiPath = (key: string): string => key.split(' ')[1]!.replace(/:(\w+)/g, '{$1}');

describe('input abuse', () => {
  let t: TestApp;
  let fixture: RouteFixture;
  let context: () => CallContext;
  let document: Document;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    fixture = await seedRouteFixture(t);
    context = callContext(t, fixture);
    document = buildOpenApiDocument(t.app) as unknown as Document;
    // A staff record with a role level of their own, so the routes about "me" (GET /me/gaps) answer 200.
    const adminStaff = await insertStaff(t, 'Abuse admin', fixture.teamId);
    await insertPrimaryRole(t, adminStaff, fixture.neutralRoleLevelSlugs[0]!);
    admin = (await signedIn(t, { roles: ['admin'], staffId: adminStaff })).auth;
  });
  afterAll(async () => t?.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    const ref = schema?.$ref?.replace('#/components/schemas/', '');
    return ref ? document.components?.schemas?.[ref] : schema;
  };
  const operation = (key: string): Operation | undefined =>
    document.paths[openApiPath(key)]?.[methodOf(key).toLowerCase()];
  const bodySchema = (key: string): Schema | undefined =>
    resolve(operation(key)?.requestBody?.content?.['application/json']?.schema);
  const authFor = (key: string): Record<string, string> | undefined =>
    POLICY[key]!.anonymous === 'public' ? undefined : admin;

  /** Sends a mutation of the route's valid request and expects a 400 that changed nothing. */
  async function expectRefused(
    key: string,
    override: Parameters<typeof send>[4],
    describeIt: string,
    call?: RouteCall,
  ): Promise<void> {
    const c = call ?? (await ROUTE_CALLS[key]!(context()));
    const before = await snapshot(t, c.table);
    // A body that is not JSON of any kind the route knows (__proto__ keys) is malformed for the contract
    // check; everything else is a well-formed request the document describes the refusal of.
    const res = await send(t, methodOf(key), c, authFor(key), override, { malformed: override?.rawBody !== undefined });
    const refusal = FRAMEWORK_UPLOAD === key && !override?.rawQuery && !override?.rawBody ? 422 : 400;
    expect(res.status, `${key} with ${describeIt}: ${(res.text ?? '').slice(0, 300)}`).toBe(refusal);
    expect(res.body.type).toMatch(REFUSAL_TYPES);
    expectProblem(res, refusal, String(res.body.type).split(':').pop()!);
    expect(await snapshot(t, c.table), `${key} with ${describeIt} changed something`).toBe(before);
  }

  /**
   * A route whose valid request sends no JSON body (make-current; the CSV import) must document none
   * either: there is then nothing to assign to or confuse, and nothing the generated cases skip.
   */
  const expectNoJsonBody = (key: string): void => {
    expect(operation(key), `${key} is not in the document`).toBeDefined();
    expect(bodySchema(key), `${key} documents a JSON body its valid request leaves out`).toBeUndefined();
  };

  /** Routes that take a JSON body described by a DTO schema (the framework upload has its own validator). */
  const JSON_ROUTES = ROUTES.filter((key) => methodOf(key) !== 'GET');

  it('the generated cases cover every JSON-body route in the table', async () => {
    const withBody: string[] = [];
    for (const key of JSON_ROUTES) {
      const call = await ROUTE_CALLS[key]!(context());
      if (call.body !== undefined) withBody.push(key);
    }

    // Every route with a JSON body describes it in the document (so the generated cases reach it).
    expect(withBody.filter((key) => !bodySchema(key)?.properties)).toEqual([]);
    expect(withBody.length).toBeGreaterThanOrEqual(13);
  });

  describe.each(JSON_ROUTES)('%s', (key) => {
    it('mass assignment: each field the DTO does not declare → 400, nothing changed', async () => {
      const call = await ROUTE_CALLS[key]!(context());
      const schema = bodySchema(key);
      if (call.body === undefined) return expectNoJsonBody(key);
      expect(schema?.properties, `${key} sends a JSON body the document does not describe`).toBeDefined();
      const declared = new Set(Object.keys(schema!.properties!));
      const extras = Object.entries(MASS_ASSIGNMENT).filter(([field]) => !declared.has(field));
      expect(extras.length).toBeGreaterThan(5);
      for (const [field, value] of extras) {
        await expectRefused(key, { body: { ...call.body, [field]: value } }, `extra ${field}`);
      }
    });

    it('type confusion: each declared field with a value of the wrong type → 400, nothing changed', async () => {
      const call = await ROUTE_CALLS[key]!(context());
      const schema = bodySchema(key);
      if (call.body === undefined) return expectNoJsonBody(key);
      expect(schema?.properties, `${key} sends a JSON body the document does not describe`).toBeDefined();
      let cases = 0;
      for (const [field, property] of Object.entries(schema!.properties!)) {
        for (const value of confusions(resolve(property) ?? {})) {
          cases++;
          await expectRefused(key, { body: { ...call.body, [field]: value } }, `${field}: ${JSON.stringify(value)}`);
        }
      }
      expect(cases).toBeGreaterThan(0);
    });

    it('prototype pollution: __proto__ and constructor.prototype bodies → 400, Object.prototype untouched', async () => {
      // The CSV import too: the JSON parser refuses these before any route is reached.
      const call = await ROUTE_CALLS[key]!(context());
      const valid = JSON.stringify(call.body ?? {}).slice(1, -1);
      const sep = valid ? ',' : '';
      const bodies = [
        `{${valid}${sep}"__proto__":{"polluted":"yes","isAdmin":true}}`,
        `{${valid}${sep}"constructor":{"prototype":{"polluted":"yes","isAdmin":true}}}`,
        `{${valid}${sep}"nested":{"__proto__":{"polluted":"yes"}}}`,
        `{"__proto__":{"roles":["admin"]}${sep}${valid}}`,
      ];
      for (const rawBody of bodies) await expectRefused(key, { rawBody }, rawBody, call);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });

  it('staff changing their own record: unknown fields → 400, fields they may not write → 403, nothing changed', async () => {
    const own = await insertStaff(t, 'Self service', fixture.teamId);
    const self = (await signedIn(t, { roles: ['staff'], staffId: own })).auth;
    const patch = async (body: Record<string, unknown>) => {
      const [row] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM staff WHERE id = $1', [own]);
      const before = await snapshot(t, 'staff');
      const res = await t
        .http()
        .patch(`/api/v1/staff/${own}`)
        .set(self)
        .set('If-Match', `"${row!.version}"`)
        .send({ fullName: 'Self service', ...body });
      return { res, unchanged: async () => expect(await snapshot(t, 'staff')).toBe(before) };
    };
    for (const [field, value] of Object.entries(MASS_ASSIGNMENT)) {
      const { res, unchanged } = await patch({ [field]: value });
      expectProblem(res, 400, 'validation-failed');
      await unchanged();
    }
    const writable = { lineManagerId: own, unitId: fixture.departmentId, gradeId: null, employmentType: 'contractor' };
    for (const [field, value] of Object.entries(writable)) {
      const { res, unchanged } = await patch({ [field]: value });
      expectProblem(res, 403, 'field-not-writable');
      await unchanged();
    }
  });

  describe('query strings of the list routes', () => {
    const LISTS = ROUTES.filter((key) => methodOf(key) === 'GET');

    /** The call's query without the other parameters of a one-of set `name` belongs to. */
    const withoutOthers = (call: RouteCall, name: string): Record<string, string> =>
      Object.fromEntries(
        Object.entries(call.query ?? {}).filter(
          ([k]) => k === name || !call.oneOf?.includes(name) || !call.oneOf.includes(k),
        ),
      );

    /** A value the parameter accepts on its own (200), or undefined when none of the candidates is. */
    async function validValue(key: string, call: RouteCall, name: string, schema: Schema): Promise<string | undefined> {
      const candidates = [
        // The representative call's own value (an id only a real row answers 200 for, such as a review cycle).
        ...(call.query?.[name] !== undefined ? [call.query[name]] : []),
        ...(schema.enum ?? []).map(String),
        ...(typeof schema.example === 'string' || typeof schema.example === 'number' ? [`${schema.example}`] : []),
        ...(schema.format === 'uuid' ? [fixture.currentVersionId, fixture.departmentId] : []),
        ...(schema.type === 'boolean' ? ['true'] : []),
        ...(schema.type === 'number' || schema.type === 'integer' ? ['1'] : []),
        ...(schema.type === 'string' ? ['data', 'G7', 'a'] : []),
      ];
      for (const value of candidates) {
        const rawQuery = new URLSearchParams({ ...withoutOthers(call, name), [name]: value }).toString();
        const res = await send(t, 'GET', call, authFor(key), { rawQuery }, { malformed: true });
        if (res.status === 200) return value;
      }
      return undefined;
    }

    it.each(LISTS)('%s: a repeated parameter → 400, where it is accepted once', async (key) => {
      const call = await ROUTE_CALLS[key]!(context());
      expect(operation(key), `${key} is not in the document`).toBeDefined();
      const parameters = (operation(key)?.parameters ?? []).filter((p) => p.in === 'query');
      if (parameters.length === 0) {
        // No query parameter documented: the route reads none, so a repeated stray one changes nothing.
        const plain = await send(t, 'GET', call, authFor(key));
        const stray = await send(t, 'GET', call, authFor(key), { rawQuery: 'x=1&x=2' }, { malformed: true });
        expect(call.ok).toContain(plain.status);
        expect(stray.status, `${key}?x=1&x=2`).toBe(plain.status);
        return;
      }
      let checked = 0;
      for (const parameter of parameters) {
        const value = await validValue(key, call, parameter.name, resolve(parameter.schema) ?? {});
        // The cursor takes only what a previous page handed out; it is still refused when repeated.
        const repeatedValue = value ?? 'x';
        if (value === undefined) expect(parameter.name, `no valid value found for ${parameter.name}`).toBe('cursor');
        const rest = new URLSearchParams(withoutOthers(call, parameter.name));
        rest.delete(parameter.name);
        rest.append(parameter.name, repeatedValue);
        rest.append(parameter.name, parameter.name === 'limit' ? '2' : repeatedValue);
        if (resolve(parameter.schema)?.type === 'array') {
          // A parameter documented as an array is repeatable by definition (?groupBy=a&groupBy=b): accepted.
          const res = await send(t, 'GET', call, authFor(key), { rawQuery: rest.toString() }, { malformed: true });
          expect(res.status, `${key}?${rest.toString()}`).toBe(200);
          checked++;
          continue;
        }
        await expectRefused(key, { rawQuery: rest.toString() }, `?${rest.toString()}`, call);
        checked++;
      }
      expect(checked).toBe(parameters.length);
    });

    it.each(LISTS)(
      '%s: a route answering a page takes limit; limit of the wrong type or out of range → 400',
      async (key) => {
        const call = await ROUTE_CALLS[key]!(context());
        expect(operation(key), `${key} is not in the document`).toBeDefined();
        const takesLimit = (operation(key)?.parameters ?? []).some((p) => p.name === 'limit' && p.in === 'query');
        const res = await send(t, 'GET', call, authFor(key));
        expect(call.ok, `${key}: ${(res.text ?? '').slice(0, 300)}`).toContain(res.status);
        const body = res.body as { items?: unknown; nextCursor?: unknown } | undefined;
        const isPage = Array.isArray(body?.items) && body !== undefined && 'nextCursor' in body;
        expect(
          takesLimit,
          `${key} ${isPage ? 'answers a page but takes no limit' : 'takes a limit but answers no page'}`,
        ).toBe(isPage);
        if (!takesLimit) return;
        for (const limit of ['abc', '1e1', '0x10', ' 5', '-1', '0', '101', '100000', '1.5', '']) {
          const rawQuery = new URLSearchParams({ ...call.query, limit }).toString();
          await expectRefused(key, { rawQuery }, `?${rawQuery}`, call);
        }
      },
    );
  });
});
