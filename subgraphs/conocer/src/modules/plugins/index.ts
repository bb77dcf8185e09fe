export {
  type CertificationProvider,
  type CertificationSubmission,
  type Judgment,
  type ProviderAvailability,
  type ProviderCertificate,
  type ProviderReason,
  SUBMIT_CERTIFICATION,
  type SubmissionOutcome,
} from './certification-provider';
export type { IntegrationPlugin, PluginContext } from './integration-plugin';
export { PluginRegistry } from './plugin-registry';
export { CERTIFICATION_PROVIDER_NAMES, type CertificationProviderName } from './provider-names';
export { ProviderDirectory } from './provider-directory';
export { ProviderUnavailableError } from './provider-unavailable';
