import type { Logger } from '@academy/service-kit';
import type { SandboxEnvironment } from './environment';
import { type ConocerSandbox, createConocerSandbox } from './sandbox';

/** The sandbox as its environment describes it (standalone `main` and the embedded system). */
export function startSandboxFromEnvironment(env: SandboxEnvironment, logger: Logger): ConocerSandbox {
  return createConocerSandbox({
    clientId: env.SANDBOX_CLIENT_ID,
    clientSecret: env.SANDBOX_CLIENT_SECRET,
    tokenTtlSeconds: env.SANDBOX_TOKEN_TTL_SECONDS,
    issuanceDelayMs: env.SANDBOX_ISSUANCE_DELAY_MS,
    maxBatchSize: env.SANDBOX_MAX_BATCH_SIZE,
    adminToken: env.SANDBOX_ADMIN_TOKEN,
    tls: env.SANDBOX_TLS_CERT && env.SANDBOX_TLS_KEY ? { cert: env.SANDBOX_TLS_CERT, key: env.SANDBOX_TLS_KEY } : undefined,
    logger,
  });
}
