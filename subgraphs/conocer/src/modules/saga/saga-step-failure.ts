/**
 * A definitive step failure: retrying cannot help, so the saga compensates at once. Any other error is
 * transient and the step is retried (SAGA_MAX_STEP_ATTEMPTS), then treated as definitive.
 */
export class SagaStepFailure extends Error {
  override readonly name = 'SagaStepFailure';
  constructor(
    readonly code: string,
    message: string,
    /** The client-facing error to throw when this happens while a request waits on the saga. */
    readonly clientError?: Error,
  ) {
    super(message);
  }
}
