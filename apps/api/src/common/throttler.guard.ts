import { RememberingReflector } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';

/**
 * @nestjs/throttler's guard, unchanged but for where it reads route metadata: it asks for five keys per
 * throttler on every request (skip, limit, ttl, block, tracker, key), answered from memory here.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: RememberingReflector,
  ) {
    super(options, storage, reflector);
  }
}
