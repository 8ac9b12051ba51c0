// @ts-check
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every web feature may import only itself (bulletproof-react's zones, generated). */
const featureZones = (() => {
  let features = [];
  try {
    features = readdirSync('web/src/features', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    features = [];
  }
  return features.map((name) => ({
    target: `./web/src/features/${name}`,
    from: './web/src/features',
    except: [`./${name}`],
    message: 'Features do not import each other; compose them in web/src/app.',
  }));
})();

/** Layer rules (target may not import from): browser → routes → services → atlas/store. */
const layerZones = [
  {
    target: './bff/src/contract',
    from: './bff/src',
    except: ['./contract'],
    message: 'The contract imports only zod: web bundles it.',
  },
  {
    target: './bff/src/atlas',
    from: [
      './bff/src/routes',
      './bff/src/services',
      './bff/src/store',
      './bff/src/http',
      './bff/src/simulator',
      './bff/src/app.ts',
    ],
    message: 'atlas/ is the bottom layer: routes → services → atlas.',
  },
  {
    target: './bff/src/services',
    from: ['./bff/src/routes', './bff/src/http', './bff/src/app.ts'],
    message: 'Services know nothing of HTTP routes.',
  },
  {
    target: './bff/src/store',
    from: ['./bff/src/routes', './bff/src/services', './bff/src/atlas', './bff/src/http'],
    message: 'The store is a leaf.',
  },
  {
    target: './bff/src/routes',
    from: ['./bff/src/atlas', './bff/src/store', './bff/src/simulator'],
    message: 'Routes call services, never Atlas or the store directly.',
  },
  {
    target: './bff/src/simulator',
    from: [
      './bff/src/atlas',
      './bff/src/routes',
      './bff/src/services',
      './bff/src/store',
      './bff/src/http',
    ],
    message: 'The simulator stands in for Atlas; it must not share code with our client.',
  },
  {
    target: './web/src',
    from: './bff',
    except: ['./src/contract'],
    message: 'web imports only @ace/bff/contract.',
  },
  {
    target: ['./web/src/lib', './web/src/components'],
    from: ['./web/src/features', './web/src/app'],
    message: 'Shared code flows one way: lib/components → features → app.',
  },
  {
    target: './web/src/features',
    from: './web/src/app',
    message: 'Features do not import the app shell.',
  },
  ...featureZones,
];

/**
 * Room rules inside a layer (outside tests, which may cross to set up a whole simulator).
 * Simulator rooms imitate one part of Atlas each and meet only in the wiring at the top
 * (server, router, request handler, context); the dataset is their common leaf.
 */
const SIM = './bff/src/simulator';
const simulatorWiring = ['index.ts', 'main.ts', 'server.ts', 'router.ts', 'request-handler.ts'];
const simulatorRooms = ['auth', 'control', 'cost-explorer', 'dataset', 'pickers'];
const roomZones = [
  ...simulatorRooms.map((room) => {
    const readsDataset = room === 'cost-explorer' || room === 'pickers';
    const others = simulatorRooms.filter((r) => r !== room && !(readsDataset && r === 'dataset'));
    return {
      target: `${SIM}/${room}`,
      from: [...others, ...simulatorWiring].map((p) => `${SIM}/${p}`),
      message: readsDataset
        ? 'Simulator rooms meet only in the wiring; this one may read dataset/.'
        : 'Simulator rooms meet only in the wiring (server.ts, router.ts, request-handler.ts).',
    };
  }),
  {
    target: `${SIM}/dataset`,
    from: [`${SIM}/context.ts`, `${SIM}/http-io.ts`],
    message: 'The dataset is data: no request handling.',
  },
  {
    target: './bff/src/services/upstream',
    from: './bff/src/services',
    except: ['./upstream'],
    message: 'upstream/ guards calls to Atlas and knows no use case.',
  },
  {
    target: [
      './bff/src/services/access.ts',
      './bff/src/services/org-scope.ts',
      './bff/src/services/pickers.ts',
      './bff/src/services/presets.ts',
      './bff/src/services/presets-migrations.ts',
    ],
    from: './bff/src/services/cost-queries',
    message: 'Only the wiring (upstream-services.ts) knows the query-job engine.',
  },
  {
    target: './bff/src/services/cost-queries',
    from: ['./bff/src/services/upstream-services.ts', './bff/src/services/presets.ts'],
    message: 'The query-job engine is wired by upstream-services.ts, not the other way round.',
  },
  {
    target: './web/src/app/results',
    from: './web/src/app',
    except: ['./results'],
    message:
      'results/ is loaded lazily by the dashboard; it knows neither the dashboard nor the shell.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.reports/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['bff/src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...roomZones] }],
    },
  },
  {
    // Tests of the Atlas client run against the simulator over real HTTP: the one allowed crossing.
    files: ['bff/src/atlas/**/*.test.ts', 'bff/src/atlas/testing/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: layerZones.filter((zone) => zone.target !== './bff/src/atlas') },
      ],
    },
  },
  {
    // Kysely's ES build costs ~0.45 s of start-up under tsx; store/kysely.ts loads its CommonJS one.
    files: ['bff/**/*.ts'],
    ignores: ['bff/src/store/kysely.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message:
                'Import Kysely values from bff/src/store/kysely.ts (types may come from kysely).',
            },
          ],
        },
      ],
    },
  },
  {
    // Every /api route is an entry of contract/api-routes.ts, mounted by routes/route-table.ts:
    // a route file that builds its own Router would skip the table's access and CSRF rules.
    files: ['bff/src/routes/**/*.ts'],
    ignores: ['bff/src/routes/route-table.ts', 'bff/src/routes/health.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'express',
              allowTypeImports: true,
              message:
                'Declare the route in contract/api-routes.ts and bind a handler (routes/route-table.ts).',
            },
            { name: 'kysely', allowTypeImports: true, message: 'Routes never touch the store.' },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the BFF only through lib/api-client.ts and the route table.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/lib/api-client.ts', 'web/src/**/*.test.{ts,tsx}', 'web/src/testing/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the BFF with callApi/fetchApi (lib/api-client.ts).' },
      ],
    },
  },
  {
    files: ['bff/src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\./|\\.\\./contract).*',
              message: 'The contract may import only zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bff/src/atlas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'express', message: 'atlas/ never imports express.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'fetch cannot see HTTP 102; use ./http.' },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@ace/bff(?!/contract$)', message: 'web imports only @ace/bff/contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/lib/months.ts', 'web/src/lib/months.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'date-fns', message: 'Month maths lives in web/src/lib/months.ts.' }],
          patterns: [
            { regex: '^@ace/bff(?!/contract$)', message: 'web imports only @ace/bff/contract.' },
            { regex: '^date-fns/', message: 'Month maths lives in web/src/lib/months.ts.' },
          ],
        },
      ],
    },
  },
  {
    // config.ts is the one reader of process.env (t3's restrictEnvAccess).
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through bff/src/config.ts.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `async () => { throw … }` fakes and `expect.any()` matchers are idiomatic in tests.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
