/**
 * Thrown by a provider that is known to be down without having tried (e.g. its circuit breaker is
 * open). The submission is parked, not failed: it costs nothing from its retry budget and is sent again
 * once the provider answers.
 */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}
