import { WEB_PAGE } from '@capability/auth';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeEndpoint } from '@nestjs/swagger';

/**
 * The pages' Content-Security-Policy: only the service's own scripts, styles, fonts and images, and the
 * one inline script govuk-frontend's template needs (`js-enabled`), by the nonce @fastify/helmet makes
 * for each response. Forms post only to the service; no page may be framed.
 */
export const PAGE_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
};

/** What a page route carries in Fastify's route config: read by the CSRF hook and the error pages. */
export interface PageRouteConfig {
  web: true;
}

/**
 * A web page: authenticated by the browser session (SessionAuthGuard) rather than a bearer token, its
 * forms checked for the session's CSRF token, its errors shown as pages, its CSP nonced, and left out
 * of the API's OpenAPI document. Permissions are declared as on the API, with `@RequirePermission`.
 */
export const Page = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(WEB_PAGE, true),
    RouteConfig({
      web: true,
      helmet: { enableCSPNonces: true, contentSecurityPolicy: PAGE_CONTENT_SECURITY_POLICY },
    }),
    ApiExcludeEndpoint(),
  );
