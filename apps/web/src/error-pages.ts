import { problemType, type ProblemDetails, type ProblemPages } from '@capability/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

const GENERIC_NOT_FOUND = new Set([problemType('not-found'), problemType('route-not-found')]);

/** Paths that are never pages: the API, probes, metrics, keys and the pages' own assets. */
const NOT_PAGES = /^\/(api|health|metrics|\.well-known|assets)(\/|$)/;

/** Where a browser may be sent back to after signing in: a path of this service, never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !NOT_PAGES.test(next) ? next : '/';
}

/**
 * The web pages' errors: the problem the API would give, shown on a page. No session → the sign-in page
 * (coming back here afterwards). A page outside the reader's permissions is "Page not found", as if it did
 * not exist; any other refusal shows the API's own title and detail.
 */
export class WebErrorPages implements ProblemPages {
  wants(request: FastifyRequest): boolean {
    if ((request.routeOptions.config as { web?: boolean } | undefined)?.web === true) return true;
    // A path no route matched, asked for by a browser.
    if (request.routeOptions.url !== undefined) return false;
    const path = request.url.split('?')[0] ?? '/';
    return !NOT_PAGES.test(path) && (request.headers.accept ?? '').includes('text/html');
  }

  render(problem: ProblemDetails, request: FastifyRequest, reply: FastifyReply): void {
    if (problem.status === 401) {
      const next = request.method === 'GET' ? safeNext(request.url) : '/';
      void reply
        .header('Cache-Control', 'no-store')
        .redirect(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`, 303);
      return;
    }
    // No such page, or none the reader's permissions reach: "Page not found". A service's own 404 (a record
    // out of scope, no staff record) shows its title and detail, as the API's problem gives them.
    const notFound = GENERIC_NOT_FOUND.has(problem.type) || problem.type === problemType('forbidden');
    const status = notFound ? 404 : problem.status;
    if (problem.status === 404 && !notFound) {
      void reply
        .code(404)
        .header('Cache-Control', 'no-store')
        .view('pages/error.njk', { status: 404, title: problem.title, detail: problem.detail, recordMissing: true });
      return;
    }
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(problem.retryAfterSeconds));
    }
    void reply
      .code(status)
      .header('Cache-Control', 'no-store')
      .view('pages/error.njk', {
        status,
        title: notFound
          ? 'Page not found'
          : status >= 500
            ? 'Sorry, there is a problem with the service'
            : problem.title,
        detail: notFound ? undefined : problem.detail,
        requestId: problem.requestId,
        user: (request as FastifyRequest & { user?: unknown }).user,
      });
  }
}
