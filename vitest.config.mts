import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships CommonJS and ESM builds; the Apollo libraries require() the CommonJS one, so sources under
// test must get the same instance or `instanceof GraphQLSchema` checks fail across the two ("another realm").
const graphqlCommonJs = createRequire(import.meta.url).resolve('graphql');

// One run over every workspace; `development` makes workspace imports resolve to their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ['development'], alias: [{ find: /^graphql$/, replacement: graphqlCommonJs }] },
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
