import type { DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ClsMiddleware } from 'nestjs-cls';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Opens a request's CLS context (request id, transactions, the logger's request id) around the rest
 * of its handling: nestjs-cls's own ClsMiddleware, called from the HTTP server's first `onRequest`
 * hook, where Nest would otherwise have run it through its middleware layer. The id is the one
 * Fastify chose (a sane X-Request-Id, or a new UUID).
 */
export function requestContext(): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  const middleware = new ClsMiddleware({
    generateId: true,
    idGenerator: (req: IncomingMessage & { id?: string }) => req.id ?? 'unknown',
    // There are no proxy providers and no plugin with setup hooks (the transactional plugin has none):
    // resolving them is skipped, as each request would otherwise pay for it (a require() lookup per request).
    resolveProxyProviders: false,
    initializePlugins: false,
  });
  return (req, res, next) => void middleware.use(req, res, next);
}

/**
 * nestjs-cls's root module with the global guard and interceptor it always registers left out. Neither
 * is mounted here (the context is opened by `requestContext()`), so both are stand-ins that wave every
 * request through (`canActivate: () => true`, `intercept: (_, next) => next.handle()`); yet one global
 * interceptor is enough for Nest to run every request through its rxjs interceptor chain.
 */
export function withoutUnmountedEnhancers(module: DynamicModule): DynamicModule {
  const strip = (m: DynamicModule): DynamicModule => ({
    ...m,
    providers: m.providers?.filter(
      (p) => !(typeof p === 'object' && 'provide' in p && (p.provide === APP_GUARD || p.provide === APP_INTERCEPTOR)),
    ),
    imports: m.imports?.map((i) => (typeof i === 'object' && i !== null && 'module' in i ? strip(i) : i)),
  });
  return strip(module);
}
