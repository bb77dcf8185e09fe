import { loadCertifyingEntities, loadCompetencyStandards } from '@academy/renec';
import { Accreditations } from './accreditations';
import { StandardsCatalog } from './catalog';
import { FaultInjector } from './faults';
import { SubmissionLedger } from './ledger';
import { TokenIssuer } from './tokens';

export interface SandboxSettings {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  issuanceDelayMs: number;
  maxBatchSize: number;
}

/** Everything the sandbox knows, in memory: a restart starts again from the RENEC snapshot with no submissions. */
export interface SandboxState {
  catalog: StandardsCatalog;
  ledger: SubmissionLedger;
  tokens: TokenIssuer;
  faults: FaultInjector;
  maxBatchSize: number;
}

export function createSandboxState(settings: SandboxSettings): SandboxState {
  const catalog = new StandardsCatalog(loadCompetencyStandards());
  return {
    catalog,
    ledger: new SubmissionLedger(catalog, new Accreditations(loadCertifyingEntities()), settings.issuanceDelayMs),
    tokens: new TokenIssuer(settings.clientId, settings.clientSecret, settings.tokenTtlSeconds),
    faults: new FaultInjector(),
    maxBatchSize: settings.maxBatchSize,
  };
}
