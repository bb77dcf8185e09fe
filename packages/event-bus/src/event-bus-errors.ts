/** The broker cannot take the event now; callers (the outbox) retry later. */
export class EventBusUnavailableError extends Error {
  readonly code = 'EVENT_BUS_UNAVAILABLE';
  override readonly name = 'EventBusUnavailableError';
}

/** Raised when a handler runs past `handlerTimeoutMs`; the attempt then counts as failed. */
export class HandlerTimeoutError extends Error {
  readonly code = 'EVENT_HANDLER_TIMEOUT';
  override readonly name = 'HandlerTimeoutError';
}
