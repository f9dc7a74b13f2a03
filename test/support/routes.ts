import { PUBLIC_ROUTE, REQUIRED_PERMISSION, WEB_PAGE } from '@capability/auth';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX, UNPREFIXED_ROUTES } from '../../apps/api/src/create-app.js';

/** A route as the controllers declare it, with the auth metadata the guards read. */
export interface WalkedRoute {
  /** `Controller.method`, for failure messages. */
  name: string;
  /** `METHOD /path/:param` */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  permission: string | undefined;
  /** A web page (apps/web), served at / with the session, not the API. */
  isPage: boolean;
}

function joinPath(...parts: (string | undefined)[]): string {
  return `/${parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter((s) => s !== '')
    .join('/')}`;
}

/** Every handler of `controllers` that carries a Nest request-method decorator, at its served path. */
export function routesOf(controllers: Type[], scanner = new MetadataScanner()): WalkedRoute[] {
  return controllers.flatMap((controller) => {
    const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat();
    const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, controller) === true;
    const prototype = controller.prototype as Record<string, unknown>;
    return scanner.getAllMethodNames(prototype).flatMap((methodName) => {
      const handler = prototype[methodName] as object;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (requestMethod === undefined) return [];
      const handlerPaths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined].flat();
      return controllerPaths.flatMap((cp) =>
        handlerPaths.map((hp) => {
          const bare = joinPath(cp, hp);
          const unprefixed = UNPREFIXED_ROUTES.some(
            (r) => joinPath(r.path) === bare && (r.method === requestMethod || r.method === RequestMethod.ALL),
          );
          const isPage = Reflect.getMetadata(WEB_PAGE, handler) === true;
          const path = unprefixed || isPage ? bare : joinPath(API_PREFIX, bare);
          const method = RequestMethod[requestMethod];
          return {
            name: `${controller.name}.${methodName}`,
            key: `${method} ${path}`,
            method,
            path,
            isPublic: classPublic || Reflect.getMetadata(PUBLIC_ROUTE, handler) === true,
            permission: Reflect.getMetadata(REQUIRED_PERMISSION, handler) as string | undefined,
            isPage,
          };
        }),
      );
    });
  });
}

function allRoutes(app: NestFastifyApplication): WalkedRoute[] {
  const controllers = app
    .get(DiscoveryService)
    .getControllers()
    .map((w) => w.metatype as Type | null)
    .filter((m): m is Type => typeof m === 'function');
  return routesOf(controllers, app.get(MetadataScanner));
}

/** The API routes the running app serves: those of every controller it discovered, but the web pages. */
export function walkRoutes(app: NestFastifyApplication): WalkedRoute[] {
  return allRoutes(app).filter((r) => !r.isPage);
}

/** The web pages the running app serves (apps/web), at their paths under /. */
export function walkPages(app: NestFastifyApplication): WalkedRoute[] {
  return allRoutes(app).filter((r) => r.isPage);
}
