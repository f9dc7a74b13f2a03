import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

type Target = object;

/**
 * Nest's Reflector, remembering each answer. Route metadata is written by decorators when the classes
 * are defined and never changes afterwards, yet the guards, the interceptors and the throttler ask for it
 * on every request: some twenty walks through reflect-metadata's maps per request, read once here.
 * Answers are kept per handler and controller (weakly) and per key.
 */
@Injectable()
export class RememberingReflector extends Reflector {
  private readonly single = new WeakMap<Target, Map<unknown, unknown>>();
  private readonly overridden = new WeakMap<Target, WeakMap<Target, Map<unknown, unknown>>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own default
  override get<TResult = any>(key: unknown, target: Target): TResult {
    let answers = this.single.get(target);
    if (!answers) this.single.set(target, (answers = new Map()));
    if (!answers.has(key)) answers.set(key, (super.get as (k: unknown, t: Target) => unknown)(key, target));
    return answers.get(key) as TResult;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own default
  override getAllAndOverride<TResult = any>(key: unknown, targets: Target[]): TResult {
    const [first, second] = targets;
    if (targets.length !== 2 || !first || !second) {
      return (super.getAllAndOverride as (k: unknown, t: Target[]) => unknown)(key, targets) as TResult;
    }
    let byController = this.overridden.get(first);
    if (!byController) this.overridden.set(first, (byController = new WeakMap()));
    let answers = byController.get(second);
    if (!answers) byController.set(second, (answers = new Map()));
    if (!answers.has(key)) {
      answers.set(key, (super.getAllAndOverride as (k: unknown, t: Target[]) => unknown)(key, targets));
    }
    return answers.get(key) as TResult;
  }
}
