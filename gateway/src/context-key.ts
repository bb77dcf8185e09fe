/**
 * `CONTEXT_TOKEN_SECRET=… npm run context-key -- <subgraph> [<subgraph> …]` prints each subgraph's
 * CONTEXT_TOKEN_KEY: the key it verifies the gateway's HS256 context tokens with, derived from the
 * gateway's secret. Give each subgraph only its own line.
 */
import { ConfigError, contextAudienceKey } from '@academy/service-kit';
import { loadContextKeyEnvironment } from './environment';

const USAGE = 'Usage: CONTEXT_TOKEN_SECRET=<the gateway secret> npm run context-key -- <subgraph name> [<subgraph name> …]';

function fail(message: string): never {
  console.error(`context-key: ${message}`);
  process.exit(1);
}

const subgraphs = process.argv.slice(2);
if (subgraphs.length === 0 || subgraphs.some((name) => name.startsWith('-'))) fail(USAGE);
let secret: string | undefined;
try {
  secret = loadContextKeyEnvironment().CONTEXT_TOKEN_SECRET;
} catch (error) {
  if (error instanceof ConfigError) fail(error.message.replace(/^context-key: /, ''));
  throw error;
}
if (!secret) fail(`CONTEXT_TOKEN_SECRET is not set\n\n${USAGE}`);
for (const name of subgraphs) console.log(`${name}: CONTEXT_TOKEN_KEY=${contextAudienceKey(secret, name).toString('base64url')}`);
