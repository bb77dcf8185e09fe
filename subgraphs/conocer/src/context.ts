import type { EventBus } from '@academy/event-bus';
import { ALL_TENANTS, forkWithTenantScope, type SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { CertificationEngine } from './certification-engine';
import {
  type CertificationLoaders,
  CertificationService,
  CertificationSubmissionService,
  createCertificationLoaders,
  requireAccreditedCenter,
  requireCertifiableStandard,
} from './modules/certification';
import { ComplianceService } from './modules/compliance';
import { NotificationService } from './modules/notification';
import { LearnerDataService } from './modules/privacy';
import { CertificationProgramService } from './modules/program';
import { type CatalogCache, type ConocerLoaders, createConocerLoaders, StandardService } from './modules/standard';
import { SubmissionAdminService } from './modules/submission';
import type { ConocerHealth, StandardsSyncService, SyncJobRepository } from './modules/sync';
import { VerificationService } from './modules/verification';

/** Process-wide parts the request context hands to resolvers. */
export interface ConocerShared {
  catalogCache: CatalogCache;
  standardsSync: StandardsSyncService;
  syncJobs: SyncJobRepository;
  conocerHealth: ConocerHealth;
  certificationEngine: CertificationEngine;
  bus: EventBus;
}

export interface ConocerContext extends SubgraphContext, Pick<ConocerShared, 'standardsSync' | 'syncJobs' | 'conocerHealth'> {
  standards: StandardService;
  certifications: CertificationService;
  submissions: CertificationSubmissionService;
  programs: CertificationProgramService;
  notifications: NotificationService;
  verification: VerificationService;
  compliance: ComplianceService;
  submissionAdmin: SubmissionAdminService;
  learnerData: LearnerDataService;
  /** For `@Audited` mutations: wakes the outbox relay after an audit entry is written. */
  audit: { recorded(): void };
  loaders: ConocerLoaders & CertificationLoaders;
}

const programChecks = {
  standardCode: async (em: Parameters<typeof requireCertifiableStandard>[0], input: string) => (await requireCertifiableStandard(em, input)).code,
  evaluationCenter: requireAccreditedCenter,
};

/** Per request: services bound to the caller's principal and tenant-scoped EntityManager, fresh loaders. */
export function createConocerContext(base: SubgraphContext, shared: ConocerShared): ConocerContext {
  const { catalogCache, certificationEngine: engine, bus, standardsSync, syncJobs, conocerHealth } = shared;
  const { principal, logger } = base;
  // Both drivers the kit configures (PostgreSQL, better-sqlite) are SQL drivers, so the fork is a SqlEntityManager.
  const em = base.em as SqlEntityManager;
  const standards = new StandardService(em, catalogCache);
  const certifications = new CertificationService(em, principal);
  return {
    ...base,
    standardsSync,
    syncJobs,
    conocerHealth,
    standards,
    certifications,
    submissions: new CertificationSubmissionService(em, principal, engine),
    programs: new CertificationProgramService(em, principal, engine.providers, programChecks),
    notifications: new NotificationService(em, principal),
    verification: new VerificationService(
      // Public verification alone reads across tenants (see VerificationService); nothing else gets this scope.
      { em: forkWithTenantScope(em, ALL_TENANTS), vault: engine.vault, providers: engine.providers, limiter: engine.limiter, issuerOf: engine.issuerOf, logger },
      principal,
    ),
    compliance: new ComplianceService(em),
    submissionAdmin: new SubmissionAdminService(em, bus, engine.relayNow),
    learnerData: new LearnerDataService(em, principal, engine.vault),
    audit: { recorded: engine.relayNow },
    loaders: { ...createConocerLoaders(standards), ...createCertificationLoaders(certifications) },
  };
}
