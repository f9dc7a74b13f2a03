// @ts-check
import js from '@eslint/js';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

/**
 * Which libs each lib may import (architecture.md: dependencies point one way).
 * A lib not listed here may import only platform.
 */
const LAYERS = {
  platform: [],
  framework: ['platform'],
  workforce: ['framework', 'platform'],
  auth: ['workforce', 'platform'],
  reviews: ['workforce', 'framework', 'platform'],
  learning: ['reviews', 'workforce', 'framework', 'platform'],
  recruitment: ['workforce', 'framework', 'platform'],
  insights: ['reviews', 'learning', 'recruitment', 'workforce', 'framework', 'platform'],
};
const ALL_LIBS = Object.keys(LAYERS);

/** No deep relative paths across libs or into apps: import a lib by its alias. */
const NO_DEEP_RELATIVE = {
  group: ['../../../*', '**/libs/*/src/**', '**/apps/*/src/**'],
  message: 'Import another lib by its alias (@capability/<lib>), never by a relative path; libs never import apps.',
};

const layerRules = Object.entries(LAYERS).map(([lib, allowed]) => ({
  files: [`libs/${lib}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          NO_DEEP_RELATIVE,
          ...ALL_LIBS.filter((other) => other !== lib && !allowed.includes(other)).map((other) => ({
            group: [`@capability/${other}`, `@capability/${other}/**`],
            message: `libs/${lib} may not depend on ${other} (allowed: ${allowed.join(', ') || 'nothing'}).`,
          })),
          {
            group: ['@capability/*/**'],
            message: 'Import a lib through its index (@capability/<lib>), not a deep path.',
          },
        ],
      },
    ],
  },
}));

const appRule = (app, others) => ({
  files: [`apps/${app}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: others.map((o) => `**/apps/${o}/**`).concat(others.map((o) => `../../${o}/**`)),
            message: 'Apps never import from each other.',
          },
          { group: ['**/libs/**'], message: 'Import libs by alias (@capability/<lib>).' },
          {
            group: ['@capability/*/**'],
            message: 'Import a lib through its index (@capability/<lib>), not a deep path.',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'reports/**',
      '.data/**',
      'openapi.json',
      // Browser files served as they are (the pages' initialising script), not TypeScript.
      'apps/web/assets/**',
      'test/client/openapi.d.ts',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { n },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
      'n/no-process-env': 'error',
    },
  },
  ...layerRules,
  appRule('api', ['worker', 'cli']),
  appRule('worker', ['api', 'cli']),
  appRule('cli', ['api', 'worker']),
  {
    // The config module is the one reader of process.env.
    files: ['libs/platform/src/config/app-config.ts'],
    rules: { 'n/no-process-env': 'off' },
  },
  {
    // Vitest's globalSetup and config files must export default.
    files: ['test/support/global-setup.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
