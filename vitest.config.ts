import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (name: string): string => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  // SWC, not esbuild: Nest's dependency injection needs emitDecoratorMetadata.
  plugins: [
    swc.vite({
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
    }),
  ],
  resolve: {
    alias: {
      '@capability/platform': lib('platform'),
      '@capability/auth': lib('auth'),
      '@capability/framework': lib('framework'),
      '@capability/workforce': lib('workforce'),
      '@capability/reviews': lib('reviews'),
      '@capability/learning': lib('learning'),
      '@capability/recruitment': lib('recruitment'),
      '@capability/insights': lib('insights'),
    },
  },
  test: {
    include: ['test/**/*.e2e-spec.ts', 'libs/**/*.spec.ts', 'apps/**/*.spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    env: { NODE_ENV: 'test' },
  },
});
