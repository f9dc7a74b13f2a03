import type { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import { describe, expect, it } from 'vitest';
import { withoutUnmountedEnhancers } from './request-context.js';

/** Every provider token in a dynamic module and the dynamic modules it imports. */
function tokens(module: DynamicModule): unknown[] {
  const own = (module.providers ?? []).map((p: Provider) => (typeof p === 'function' ? p : p.provide));
  const nested = (module.imports ?? []).flatMap((i) =>
    typeof i === 'object' && i !== null && 'module' in i ? tokens(i) : [],
  );
  return [...own, ...nested];
}

describe('withoutUnmountedEnhancers', () => {
  const options = { global: true, middleware: { mount: false } };

  it('is needed: nestjs-cls registers a global guard and interceptor even when neither is mounted', () => {
    const registered = tokens(ClsModule.forRoot(options));
    expect(registered).toContain(APP_GUARD);
    expect(registered).toContain(APP_INTERCEPTOR);
  });

  it('leaves both out and keeps every other provider and the module shape', () => {
    const original = ClsModule.forRoot(options);
    const stripped = withoutUnmountedEnhancers(ClsModule.forRoot(options));
    const kept = tokens(stripped);
    expect(kept).not.toContain(APP_GUARD);
    expect(kept).not.toContain(APP_INTERCEPTOR);
    expect(kept).toEqual(tokens(original).filter((t) => t !== APP_GUARD && t !== APP_INTERCEPTOR));
    expect(stripped.module).toBe(original.module);
    expect(stripped.global).toBe(true);
    expect(stripped.imports).toHaveLength(original.imports?.length ?? 0);
  });
});
