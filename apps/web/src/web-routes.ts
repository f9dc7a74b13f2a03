import { WEB_PAGE } from '@capability/auth';
import type { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';

const join = (...parts: string[]): string =>
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '')
    .join('/');

/**
 * Every page route of these controllers (its method, its full path): the pages live at `/`, so the API's
 * global prefix (`/api/v1`) leaves them out; and the page-route walk in the tests reads them from here.
 */
/** A route as Nest's `setGlobalPrefix({ exclude })` takes it. */
export interface PageRoute {
  path: string;
  method: RequestMethod;
}

export function pageRoutes(controllers: readonly Type[]): PageRoute[] {
  const routes: PageRoute[] = [];
  for (const controller of controllers) {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(WEB_PAGE, handler) !== true) continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      for (const path of Array.isArray(paths) ? paths : [paths ?? '']) {
        routes.push({ path: `/${join(base, path)}`, method });
      }
    }
  }
  return routes;
}
