import { RememberingReflector } from '@capability/platform';
import { Injectable, type ExecutionContext, type Type } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
// The route metadata keys of @nestjs/throttler's decorators (@SkipThrottle, @Throttle), which its index does not export.
import {
  THROTTLER_BLOCK_DURATION as BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR as KEY_GENERATOR,
  THROTTLER_LIMIT as LIMIT,
  THROTTLER_SKIP as SKIP,
  THROTTLER_TRACKER as TRACKER,
  THROTTLER_TTL as TTL,
} from '@nestjs/throttler/dist/throttler.constants.js';
import { FixedWindowRateLimitStorage } from './rate-limit-storage.js';

/** One throttler as it applies to one route, its settings already read from the route and the module. */
interface RouteLimit {
  throttler: ThrottlerOptions & { name: string };
  skip: boolean;
  limit: number;
  ttl: number;
  blockDuration: number;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
  setHeaders: boolean;
}

type Handler = (...args: unknown[]) => unknown;

/**
 * @nestjs/throttler's guard, with two changes:
 * - it reads route metadata from memory (RememberingReflector): it asks for five keys per throttler on
 *   every request;
 * - it answers at once, without a promise, when every setting of the route is a plain value and the
 *   counters are this process's own (FixedWindowRateLimitStorage). The library's guard awaits each
 *   setting, the tracker and the storage: some fourteen promises per request, for values that are known
 *   when the routes are. The same settings, counters, headers and exception; a route with a setting
 *   worked out per request (a function), a tracker that answers with a promise, `ignoreUserAgents`
 *   or another storage goes through the library's own path.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly routes = new WeakMap<Handler, RouteLimit[] | null>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: RememberingReflector,
  ) {
    super(options, storage, reflector);
  }

  // Typed as the library's, which promises; Nest's guard runner takes a plain boolean as it comes.
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return this.activate(context) as Promise<boolean>;
  }

  /** `true` at once on the synchronous path; the library's promise otherwise. */
  activate(context: ExecutionContext): boolean | Promise<boolean> {
    const limits = this.limitsFor(context);
    const storage = this.storageService;
    if (!limits || !(storage instanceof FixedWindowRateLimitStorage)) return super.canActivate(context);
    const { req, res } = this.getRequestResponse(context);
    const counted: { limit: RouteLimit; tracker: string }[] = [];
    for (const limit of limits) {
      if (limit.skip || (limit.throttler.skipIf ?? this.commonOptions.skipIf)?.(context)) continue;
      const tracker = limit.getTracker(req, context);
      // Nothing is counted yet, so the library's path can still take the whole request.
      if (typeof tracker !== 'string') return super.canActivate(context);
      counted.push({ limit, tracker });
    }
    for (const { limit, tracker } of counted) {
      const { name } = limit.throttler;
      const key = limit.generateKey(context, tracker, name);
      const record = storage.hit(key, limit.ttl, limit.limit, limit.blockDuration, name);
      const suffix = name === 'default' ? '' : `-${name}`;
      if (record.isBlocked) {
        if (limit.setHeaders) this.setResponseHeader(res, `Retry-After${suffix}`, record.timeToBlockExpire);
        return this.throwThrottlingException(context, {
          limit: limit.limit,
          ttl: limit.ttl,
          key,
          tracker,
          ...record,
        }).then(() => false);
      }
      if (limit.setHeaders) {
        this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, limit.limit);
        this.setResponseHeader(
          res,
          `${this.headerPrefix}-Remaining${suffix}`,
          Math.max(0, limit.limit - record.totalHits),
        );
        this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
      }
    }
    return true;
  }

  /** The route's throttlers with plain settings, read once per handler; `null` when one is not plain. */
  private limitsFor(context: ExecutionContext): RouteLimit[] | null {
    const handler = context.getHandler() as Handler;
    let limits = this.routes.get(handler);
    if (limits === undefined) {
      limits = this.readLimits(handler, context.getClass());
      this.routes.set(handler, limits);
    }
    return limits;
  }

  private readLimits(handler: Handler, controller: Type): RouteLimit[] | null {
    if (this.commonOptions.ignoreUserAgents) return null;
    const route = <T>(key: string, name: string): T | undefined =>
      this.reflector.getAllAndOverride<T | undefined>(key + name, [handler, controller]);
    const limits: RouteLimit[] = [];
    for (const throttler of this.throttlers as (ThrottlerOptions & { name: string })[]) {
      const { name } = throttler;
      const limit = route<unknown>(LIMIT, name) ?? throttler.limit;
      const ttl = route<unknown>(TTL, name) ?? throttler.ttl;
      const blockDuration = route<unknown>(BLOCK_DURATION, name) ?? throttler.blockDuration ?? ttl;
      if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') return null;
      if (throttler.ignoreUserAgents) return null;
      limits.push({
        throttler,
        skip: route<boolean>(SKIP, name) === true,
        limit,
        ttl,
        blockDuration,
        getTracker:
          route<ThrottlerGetTrackerFunction>(TRACKER, name) ?? throttler.getTracker ?? this.commonOptions.getTracker!,
        generateKey:
          route<ThrottlerGenerateKeyFunction>(KEY_GENERATOR, name) ??
          throttler.generateKey ??
          this.commonOptions.generateKey!,
        setHeaders: throttler.setHeaders ?? this.commonOptions.setHeaders ?? true,
      });
    }
    return limits;
  }
}
