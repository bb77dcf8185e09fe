import type { CurpVault } from '../curp';
import type { CompletionEvidence, SagaRunner } from '../saga';
import type { Judgment, ProviderDirectory } from '../plugins';

/** A checked request for a certification (see certification-checks): the saga's input before sealing. */
export interface CertificationRequest {
  tenantId: string;
  learnerId: string;
  /** Canonical and valid. */
  curp: string;
  standardCode: string;
  judgment: Judgment;
  evaluatedOn: string;
  evaluationCenterId: string;
  completion: CompletionEvidence;
  /** The provider a certification program names, if any. */
  programProvider: string | null;
  requestKey: string;
}

export interface CertificationStarterDependencies {
  runner: SagaRunner;
  vault: CurpVault;
  providers: ProviderDirectory;
}

/** Seals the CURP for the tenant and starts the certification saga: the one way in for requests and course completions. */
export function startCertification({ runner, vault, providers }: CertificationStarterDependencies, request: CertificationRequest) {
  const { tenantId, requestKey, curp, programProvider, ...rest } = request;
  return runner.start({ tenantId, requestKey, input: { ...rest, curp: vault.seal(curp, tenantId), provider: providers.choose(programProvider) } });
}
