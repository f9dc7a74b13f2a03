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
