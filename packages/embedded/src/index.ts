export { type EmbeddedEnvironment, embeddedEnvironmentSchema, loadEmbeddedEnvironment } from './environment';
export { type EmbeddedSystem, type EmbeddedSystemOptions, startEmbeddedSystem } from './start-system';
export { type ComposedSupergraph, CompositionFailed, composeSupergraph } from './supergraph';
export { SUBGRAPHS } from './subgraphs';
export { configurationReference, ENVIRONMENT_SCHEMAS, errorCodeReference, renderReadme } from './reference-docs';
