import { defineConfig } from 'vitest/config';

// One run over every workspace; `development` makes workspace imports resolve to their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    include: ['{packages,subgraphs,gateway,e2e}/**/{src,test}/**/*.{spec,test}.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
