import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { walkRoutes } from '../support/routes.js';
import {
  callContext,
  CALLERS,
  insertPrimaryRole,
  insertStaff,
  POLICY,
  ROUTE_CALLS,
  seedRouteFixture,
  send,
  snapshot,
  type CallContext,
  type Caller,
  type RouteFixture,
} from './policy.js';

/**
 * Function-level authorisation (OWASP API5): every route × every caller (and anonymous) against the policy
 * table in ./policy.ts, with real tokens, real ids and valid bodies. A denied write leaves its table and the
 * audit trail exactly as they were. The table and the app must list the same routes.
 */
describe('access control matrix', () => {
  let t: TestApp;
  let fixture: RouteFixture;
  let context: () => CallContext;
  const auth = {} as Record<Caller, Record<string, string> | undefined>;
  // Security events are structured warnings of the 'Security' logger; watched, still passed on.
  const securityLog = vi.spyOn(Logger.prototype, 'warn');

  beforeAll(async () => {
    t = await createTestApp();
    fixture = await seedRouteFixture(t);
    context = callContext(t, fixture);
    // Each signed-in caller has a record of their own, none of which reaches the target.
    const staffOwn = await insertStaff(t, 'Matrix staff', fixture.teamId);
    const hopOwn = await insertStaff(t, 'Matrix head of profession', fixture.teamId);
    await insertPrimaryRole(t, hopOwn, 'senior-data-engineer');
    auth.anonymous = undefined;
    auth.staff = (await signedIn(t, { roles: ['staff'], staffId: staffOwn })).auth;
    auth.head_of_profession = (
      await signedIn(t, { roles: ['head_of_profession', 'staff'], staffId: hopOwn, roleFamilies: ['data'] })
    ).auth;
    // HR and admins are members of staff too (their own inclusion level, the pulses sent to them).
    const hrOwn = await insertStaff(t, 'Matrix HR', fixture.teamId);
    const adminOwn = await insertStaff(t, 'Matrix admin', fixture.teamId);
    auth.hr = (await signedIn(t, { roles: ['hr'], staffId: hrOwn })).auth;
    auth.admin = (await signedIn(t, { roles: ['admin'], staffId: adminOwn })).auth;
  });
  afterAll(async () => {
    securityLog.mockRestore();
    await t?.close();
  });

  /** An export is audited just after its stream ends; wait for it, so the next request's snapshot is stable. */
  async function exportAudited(key: string, status: number, requestId: string): Promise<void> {
    if (!key.endsWith('.csv') || status !== 200) return;
    for (let i = 0; i < 100; i++) {
      const rows = await t.dataSource.query<unknown[]>(
        `SELECT 1 FROM audit_events
          WHERE action IN ('staff.exported', 'review-cycle.results-exported', 'learning-catalogue.exported')
            AND request_id = $1`,
        [requestId],
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the export ${requestId} was never audited`);
  }

  it('the policy table lists exactly the routes the app serves', () => {
    const served = new Set(walkRoutes(t.app).map((r) => r.key));
    const listed = new Set(Object.keys(POLICY));

    expect([...served].filter((r) => !listed.has(r)).sort(), 'routes missing from POLICY').toEqual([]);
    expect([...listed].filter((r) => !served.has(r)).sort(), 'POLICY entries for routes that do not exist').toEqual([]);
    expect(Object.keys(ROUTE_CALLS).sort(), 'a request for every route in POLICY').toEqual([...listed].sort());
  });

  it('public in the table is @Public() in the code, and nothing else is', () => {
    const walked = walkRoutes(t.app);
    const mismatched = walked.filter((r) => (POLICY[r.key]?.anonymous === 'public') !== r.isPublic);

    expect(mismatched.map((r) => r.key)).toEqual([]);
  });

  it('the target is outside every signed-in caller scope', async () => {
    const [row] = await t.dataSource.query<{ line_manager_id: string | null; reports: number; roles: number }[]>(
      `SELECT line_manager_id,
              (SELECT count(*)::int FROM staff r WHERE r.line_manager_id = s.id) AS reports,
              (SELECT count(*)::int FROM role_assignments ra WHERE ra.staff_id = s.id AND ra.is_primary) AS roles
         FROM staff s WHERE id = $1`,
      [fixture.targetStaffId],
    );
    expect(row).toEqual({ line_manager_id: null, reports: 0, roles: 0 });
  });

  it('a method the table does not list for a path is not served, and changes nothing (method switching)', async () => {
    const methods = new Map<string, Set<string>>();
    for (const key of Object.keys(POLICY)) {
      const [method, path] = key.split(' ') as [string, string];
      methods.set(path, (methods.get(path) ?? new Set()).add(method));
    }
    const wrong: string[] = [];
    for (const [path, served] of methods) {
      const concrete = path.replace(/:\w+/g, fixture.targetStaffId);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !served.has(m))) {
        const before = await snapshot(t, 'staff');
        const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const req = t.http({ malformed: true })[verb](concrete).set(auth.admin!);
        const res = method === 'GET' || method === 'DELETE' ? await req : await req.send({ fullName: 'Switched' });
        // 404/405; or, where the path reads as another route with a parameter (GET /staff/import is
        // GET /staff/:id), that route's refusal: 400 not a uuid, 428 no If-Match.
        if (![400, 404, 405, 428].includes(res.status) || !/problem\+json/.test(String(res.headers['content-type']))) {
          wrong.push(`${method} ${path}: ${res.status}`);
        }
        if ((await snapshot(t, 'staff')) !== before) wrong.push(`${method} ${path}: changed staff or the audit trail`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('routes a caller may not use are not reachable under other spellings of their path', async () => {
    const spellings = (path: string): string[] => [
      path.replace('/api/v1/', '/api/v2/'),
      path.replace('/api/v1/', '/api/'),
      path.replace('/api/v1/', '/'),
      `${path}/`,
      path.toUpperCase(),
      path.replace('/api/v1/', '/api/v1//'),
      path.replace('/api/v1/', '/api/v1/%2e/'),
      path.replace(/\/(\w)/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`),
      `${path};.json`,
      `${path}.json`,
    ];
    const reached: string[] = [];
    for (const [key, row] of Object.entries(POLICY)) {
      if (row.staff !== 'deny-403') continue;
      const [method, path] = key.split(' ') as [string, string];
      const concrete = path.replace(/:\w+/g, fixture.targetStaffId);
      for (const spelling of spellings(concrete)) {
        for (const caller of ['anonymous', 'staff'] as const) {
          const verb = method.toLowerCase() as 'get' | 'post' | 'patch';
          const req = t.http({ malformed: true })[verb](spelling);
          if (auth[caller]) req.set(auth[caller]);
          const res = method === 'GET' ? await req : await req.send({});
          if (res.status < 400) reached.push(`${caller} ${method} ${spelling}: ${res.status}`);
        }
      }
    }
    expect(reached).toEqual([]);
  });

  describe.each(Object.entries(POLICY))('%s', (key, row) => {
    const method = key.split(' ')[0]!;

    it.each(CALLERS.map((c) => [c, row[c]] as const))('%s → %s', async (caller, outcome) => {
      const call = await ROUTE_CALLS[key]!(context());
      const before = method === 'GET' ? '' : await snapshot(t, call.table);
      securityLog.mockClear();
      const res = await send(t, method, call, auth[caller]);

      await exportAudited(key, res.status, String(res.headers['x-request-id']));
      if (outcome === 'public' || outcome === 'allow') {
        expect(call.ok, `${caller} ${key}: ${res.status} ${(res.text ?? '').slice(0, 300)}`).toContain(res.status);
        return;
      }
      if (outcome === 'deny-401') expectProblem(res, 401, 'unauthenticated');
      else if (outcome === 'deny-403') {
        expectProblem(res, 403, 'forbidden');
        // Each refusal leaves one security event naming the permission that was missing.
        const permission = walkRoutes(t.app).find((r) => r.key === key)?.permission;
        expect(securityLog).toHaveBeenCalledWith(
          expect.objectContaining({ securityEvent: 'auth.permission-denied', permission }),
          expect.any(String),
        );
      } else if (/\/:\w+/.test(key)) expectProblem(res, 404, call.notFound ?? 'staff-not-found');
      else {
        // A scoped list answers, without the target in it.
        expect(res.status, res.text).toBe(200);
        expect(res.text).not.toContain(fixture.targetStaffId);
        expect(res.text).not.toContain('N-Target');
        for (const hidden of call.hidden ?? []) expect(res.text).not.toContain(hidden);
      }
      if (method !== 'GET') expect(await snapshot(t, call.table), `${caller} ${key} changed something`).toBe(before);
    });
  });
});
