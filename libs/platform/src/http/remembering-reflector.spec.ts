import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RememberingReflector } from './remembering-reflector.js';

@SetMetadata('scope', 'controller')
@SetMetadata('shared', 'from the controller')
class Controller {
  @SetMetadata('scope', 'handler')
  decorated(): void {}

  plain(): void {}
}

describe('RememberingReflector', () => {
  afterEach(() => vi.restoreAllMocks());
  const plain = new Reflector();
  const handlers = [Controller.prototype.decorated, Controller.prototype.plain];

  it("gives Nest's Reflector's answers for get and getAllAndOverride", () => {
    const remembering = new RememberingReflector();
    for (const key of ['scope', 'shared', 'absent']) {
      for (const handler of handlers) {
        expect(remembering.get(key, handler)).toEqual(plain.get(key, handler));
        expect(remembering.getAllAndOverride(key, [handler, Controller])).toEqual(
          plain.getAllAndOverride(key, [handler, Controller]),
        );
      }
      expect(remembering.get(key, Controller)).toEqual(plain.get(key, Controller));
    }
    expect(remembering.getAllAndOverride('scope', [Controller.prototype.plain, Controller])).toBe('controller');
    expect(remembering.getAllAndOverride('scope', [Controller.prototype.decorated, Controller])).toBe('handler');
  });

  it('reads each answer from the metadata once, including an absent one', () => {
    const remembering = new RememberingReflector();
    const reads = vi.spyOn(Reflect, 'getMetadata');
    for (let i = 0; i < 5; i++) {
      remembering.getAllAndOverride('scope', [Controller.prototype.plain, Controller]);
      remembering.get('absent', Controller.prototype.plain);
    }
    expect(reads).toHaveBeenCalledTimes(3);
  });
});
