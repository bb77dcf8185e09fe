import type { Logger } from '@academy/service-kit';
import type { IntegrationPlugin } from './integration-plugin';

/**
 * The plugins of a service. Registration happens before `initialize()`; a plugin that fails to
 * initialize stops the start (and those already initialized are cleaned up), so a service never runs
 * with half its integrations.
 */
export class PluginRegistry<TPlugin extends IntegrationPlugin = IntegrationPlugin> {
  private readonly plugins = new Map<string, TPlugin>();
  private readonly initialized: TPlugin[] = [];

  constructor(private readonly logger: Logger) {}

  register(plugin: TPlugin): this {
    if (this.plugins.has(plugin.name)) throw new Error(`a plugin named ${plugin.name} is already registered`);
    if (this.initialized.length > 0) throw new Error(`register ${plugin.name} before initialize()`);
    this.plugins.set(plugin.name, plugin);
    return this;
  }

  get(name: string): TPlugin | undefined {
    return this.plugins.get(name);
  }

  names(): string[] {
    return [...this.plugins.keys()];
  }

  list(): TPlugin[] {
    return [...this.plugins.values()];
  }

  async initialize(): Promise<void> {
    for (const plugin of this.plugins.values()) {
      try {
        await plugin.initialize({ logger: this.logger.child({ plugin: plugin.name }) });
      } catch (error) {
        await this.cleanup();
        throw new Error(`plugin ${plugin.name}@${plugin.version} failed to initialize: ${error instanceof Error ? error.message : error}`, { cause: error });
      }
      this.initialized.push(plugin);
      this.logger.info({ plugin: plugin.name, version: plugin.version }, 'plugin initialized');
    }
  }

  /** Reverse order of initialization; a failing cleanup is logged and the others still run. */
  async cleanup(): Promise<void> {
    for (const plugin of this.initialized.splice(0).reverse()) {
      try {
        await plugin.cleanup();
      } catch (error) {
        this.logger.warn({ err: error, plugin: plugin.name }, 'plugin cleanup failed');
      }
    }
  }
}
