/** What benchmarks share; starters that run in child processes are passed to `startInChild` by file path. */
export { numberArg } from './args';
export type { StartedService } from './child-protocol';
export { type ChildService, type CpuSample, startChildren, startInChild } from './child-service';
export { monotonicMicros, type ProfileSummary, type ProfileWindow, summarizeCpuProfile } from './cpu-profile';
export { type GatewayTargetInfo, type GatewayTargetOptions, startAcademyGateway, startStockGateway } from './gateways';
export { LOAD_LIMITS, type LoadOptions, type LoadResult, runLoad } from './load';
export { benchPrincipal, type ContextKeyPems, generateContextKeyPems, LONG_TOKEN_TTL_SECONDS, signLongLivedTokens } from './principal';
export { formatNumber, formatRatio, formatTable, type MachineInfo, machineInfo, RESULTS_DIR, writeResult } from './report';
export { type SubgraphName, type SubgraphsInfo, type SubgraphsOptions, startSubgraphs } from './subgraphs';
export { type CpuCost, type MeasuredTarget, type MeasureOptions, type Measurement, measureTarget, measureTargets, type Target, type VerifiedResponse, verifyTarget } from './measure';
export { backgroundCores, machineCpuMicros, NOISY_CORES } from './system-load';
export { cpuTable, loadLine, noiseWarning, profileReport, throughputTable } from './print';
