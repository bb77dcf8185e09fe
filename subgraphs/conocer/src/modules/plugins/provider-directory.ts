import type { CertificationProvider } from './certification-provider';
import type { PluginRegistry } from './plugin-registry';

/** The enabled certification providers and which one certifies when nothing else is configured. */
export class ProviderDirectory {
  constructor(
    private readonly registry: PluginRegistry<CertificationProvider>,
    readonly defaultProvider: string,
  ) {
    if (!registry.get(defaultProvider)) throw new Error(`the default certification provider ${defaultProvider} is not enabled`);
  }

  get(name: string): CertificationProvider | undefined {
    return this.registry.get(name);
  }

  names(): string[] {
    return this.registry.names();
  }

  /** A program's provider when it names one, else the default. */
  choose(programProvider: string | null | undefined): string {
    return programProvider ?? this.defaultProvider;
  }
}
