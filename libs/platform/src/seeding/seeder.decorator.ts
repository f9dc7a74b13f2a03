import { SetMetadata } from '@nestjs/common';

export interface SeederOptions {
  /** kebab-case, for logs: `ddat-framework`, `civil-service-grades`, `demo-department`. */
  name: string;
  /** Lower runs first (the framework before the grades before the demo department). */
  order: number;
  /** Reference tables this seeder fills; test resets keep them. */
  referenceTables?: string[];
  /** Demo data: runs only with SEED_DEMO on the embedded database, never in tests or production. */
  demo?: boolean;
}

export const SEEDER_METADATA = Symbol('seeder');

/** A provider whose idempotent `seed()` runs at start. Register it in its lib's module. */
export const Seeder = (options: SeederOptions): ClassDecorator => SetMetadata(SEEDER_METADATA, options);

export interface SeederHandler {
  /** Must be idempotent: it runs at every start. */
  seed(): Promise<void>;
}
