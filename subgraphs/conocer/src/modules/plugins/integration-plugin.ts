import type { DomainEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';

/** What the registry hands every plugin when it starts. */
export interface PluginContext {
  /** A child logger bound to the plugin's name. */
  logger: Logger;
}

/**
 * An integration with a system outside the platform. The registry initializes plugins once at start,
 * hands them events to process, and cleans them up at shutdown (in reverse order). `process` must be
 * idempotent for a given event id: callers deliver at least once.
 */
export interface IntegrationPlugin<TPayload = unknown, TResult = unknown> {
  /** Unique in the registry, e.g. `conocer`; what configuration names. */
  readonly name: string;
  /** The plugin's own version (semver), reported with its health. */
  readonly version: string;
  initialize(context: PluginContext): Promise<void>;
  process(event: DomainEvent<TPayload>): Promise<TResult>;
  cleanup(): Promise<void>;
}
