import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SEEDER_METADATA, type SeederHandler, type SeederOptions } from './seeder.decorator.js';

interface RegisteredSeeder {
  options: SeederOptions;
  handler: SeederHandler;
}

/** Finds every `@Seeder` provider and runs them in order. */
@Injectable()
export class SeedersService {
  private readonly logger = new Logger('Seeders');

  constructor(private readonly discovery: DiscoveryService) {}

  private seeders(): RegisteredSeeder[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(SEEDER_METADATA, w.metatype))
      .map((w) => ({
        options: Reflect.getMetadata(SEEDER_METADATA, w.metatype as object) as SeederOptions,
        handler: w.instance as SeederHandler,
      }))
      .sort((a, b) => a.options.order - b.options.order);
  }

  /** Runs the reference seeders, and the demo ones when asked. */
  async run({ demo }: { demo: boolean }): Promise<void> {
    for (const { options, handler } of this.seeders()) {
      if (options.demo && !demo) continue;
      const started = Date.now();
      await handler.seed();
      this.logger.log({ seeder: options.name, ms: Date.now() - started }, `Seeded ${options.name}`);
    }
  }

  referenceTables(): string[] {
    return this.seeders().flatMap((s) => s.options.referenceTables ?? []);
  }
}
