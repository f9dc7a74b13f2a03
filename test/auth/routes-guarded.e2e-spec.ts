import { Permission, Public, RequirePermission } from '@capability/auth';
import { Controller, Get, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../apps/api/src/openapi.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { routesOf, walkRoutes, type WalkedRoute } from '../support/routes.js';

/**
 * Deny by default, checked: every route of the running app is either `@Public()` or declares the one
 * permission it needs, and every declared permission is one the Permission const knows.
 */

const KNOWN_PERMISSIONS = new Set<string>(Object.values(Permission));

/** The routes that break the rule, described for the failure message. */
function offenders(routes: WalkedRoute[]): string[] {
  return routes.flatMap((r) => {
    const where = `${r.name} (${r.method} ${r.path})`;
    if (!r.isPublic && !r.permission) return [`${where}: neither @Public() nor @RequirePermission(...)`];
    if (r.isPublic && r.permission) {
      return [`${where}: both @Public() and @RequirePermission(${r.permission}); pick one`];
    }
    if (r.permission && !KNOWN_PERMISSIONS.has(r.permission)) {
      return [`${where}: permission "${r.permission}" is not in Permission`];
    }
    return [];
  });
}

const UUID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string): string => path.replace(/:[A-Za-z]\w*/g, UUID);

/** A request for the route, with any path parameter filled in. */
function call(t: TestApp, route: WalkedRoute) {
  const http = t.http();
  const verb = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  return http[verb](concrete(route.path));
}

// Controllers that are never mounted: they prove the walker sees each way of getting it wrong.
@Controller('leaky')
class LeakyController {
  @Get()
  list(): string[] {
    return [];
  }

  @Post(':id/approve')
  approve(): void {}

  @Get('typo')
  @RequirePermission('user:raed' as Permission)
  typo(): void {}

  @Get('both')
  @Public()
  @RequirePermission(Permission.UserRead)
  both(): void {}

  @Get('fine')
  @RequirePermission(Permission.UserRead)
  fine(): void {}

  notARoute(): void {}
}

@Controller('open')
@Public()
class OpenController {
  @Get()
  open(): void {}
}

describe('every route is guarded', () => {
  let t: TestApp;
  let routes: WalkedRoute[];
  beforeAll(async () => {
    t = await createTestApp();
    routes = walkRoutes(t.app);
  });
  afterAll(async () => t.close());

  it('the walker finds the routes the app serves', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);

    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/me',
        'GET /api/v1/users',
        'PATCH /api/v1/users/:id',
        'GET /api/v1/audit-events',
        'GET /.well-known/jwks.json',
        'GET /health/live',
      ]),
    );
    const server = t.app.getHttpAdapter().getInstance();
    const unserved = routes.filter((r) => !server.hasRoute({ method: r.method, url: r.path }));
    expect(
      unserved.map((r) => r.name),
      'walked routes the server does not serve',
    ).toEqual([]);
  });

  it('the walker misses no route in the OpenAPI document', () => {
    const document = buildOpenApiDocument(t.app);
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const walked = new Set(routes.map((r) => `${r.method} ${r.path}`));

    expect(documented.length).toBeGreaterThan(0);
    expect(
      documented.filter((route) => !walked.has(route)),
      'documented routes the walker did not see',
    ).toEqual([]);
  });

  it('no route is neither @Public() nor @RequirePermission(...), and every permission is known', () => {
    const found = offenders(routes);

    expect(found, `Unguarded or mis-declared routes:\n  ${found.join('\n  ')}`).toEqual([]);
  });

  it('the check reports each kind of offender by name', () => {
    const found = offenders(routesOf([LeakyController, OpenController]));

    expect(found).toEqual([
      'LeakyController.list (GET /api/v1/leaky): neither @Public() nor @RequirePermission(...)',
      'LeakyController.approve (POST /api/v1/leaky/:id/approve): neither @Public() nor @RequirePermission(...)',
      'LeakyController.typo (GET /api/v1/leaky/typo): permission "user:raed" is not in Permission',
      'LeakyController.both (GET /api/v1/leaky/both): both @Public() and @RequirePermission(user:read); pick one',
    ]);
  });

  it('every non-public route answers 401 problem+json without a token, and with a bad one', async () => {
    const guarded = routes.filter((r) => !r.isPublic);
    expect(guarded.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const route of guarded) {
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const req = call(t, route);
        if (authorization) req.set('Authorization', authorization);
        const res = await req.send({});
        const ok =
          res.status === 401 &&
          /^application\/problem\+json/.test(String(res.headers['content-type'])) &&
          res.body.type === 'urn:ddat-capability:problem:unauthenticated';
        if (!ok) {
          wrong.push(
            `${route.name} (${route.method} ${route.path}, ${authorization ? 'bad token' : 'no token'}): ${res.status} ${res.body?.type}`,
          );
        }
      }
    }

    expect(wrong, `Routes that did not answer 401:\n  ${wrong.join('\n  ')}`).toEqual([]);
  });

  /** The candidate link's routes: public to the access-token guards, they take a candidate's link instead. */
  const isCandidateLink = (r: WalkedRoute): boolean => r.path.startsWith('/api/v1/candidate-link');

  it('public routes answer without a token', async () => {
    const open = routes.filter((r) => r.isPublic && !isCandidateLink(r));
    const refused: string[] = [];
    for (const route of open) {
      const res = await call(t, route).send(route.method === 'GET' ? undefined : {});
      if (res.status === 401 || res.status === 403) refused.push(`${route.name}: ${res.status}`);
    }

    expect(refused, `Public routes that asked for a token:\n  ${refused.join('\n  ')}`).toEqual([]);
  });

  it("the candidate link's routes answer 401 without a link, and with an access token or a bad one", async () => {
    const linked = routes.filter(isCandidateLink);
    expect(linked.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const route of linked) {
      for (const authorization of [undefined, 'Bearer not-a-token', `Bearer cl_${'A'.repeat(43)}`]) {
        const req = call(t, route);
        if (authorization) req.set('Authorization', authorization);
        const res = await req.send(route.method === 'GET' ? undefined : {});
        const body = res.body as { type?: string };
        if (res.status !== 401 || body.type !== 'urn:ddat-capability:problem:candidate-link-invalid') {
          wrong.push(`${route.name} with ${authorization ?? 'nothing'}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
