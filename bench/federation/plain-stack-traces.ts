/**
 * Preloaded (`-r`) after @swc-node/register into gateways the benchmark starts from their own entry
 * point: as `support/child-entry.ts` explains, the source-map support the TypeScript hook installs
 * makes every read of an error's `stack` costly, and compiled production code runs without it.
 */
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
