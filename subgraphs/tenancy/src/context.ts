import type { EventBus } from '@academy/event-bus';
import type { SubgraphContext } from '@academy/subgraph-kit';
import { TenancyEventPublisher } from './events';
import { AccessService } from './modules/access';
import { ApiKeyService } from './modules/api-key';
import { AuditService } from './modules/audit';
import { createLearnerLoaders, type LearnerLoaders, LearnerService } from './modules/learner';
import { PlanService } from './modules/plan';
import { LearnerPrivacyService } from './modules/privacy';
import { createSettingsLoaders, type SettingsLoaders, SettingsService } from './modules/settings';
import { createTenancyLoaders, type TenancyLoaders, TenantService } from './modules/tenant';

export interface TenancyContext extends SubgraphContext {
  tenants: TenantService;
  plans: PlanService;
  settings: SettingsService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  access: AccessService;
  learners: LearnerService;
  privacy: LearnerPrivacyService;
  loaders: TenancyLoaders & SettingsLoaders & LearnerLoaders;
}

export interface TenancyDependencies {
  bus: EventBus;
  /** API_KEY_SIGNING_KEY: derives each API key's request-signing secret. */
  signingKey: string;
  /** LEARNER_BLOCKING_PERIOD_SECONDS in ms, and what wakes the cancellation relay. */
  privacy: { blockingPeriodMs: number; stepDecided(): void };
}

/** Per request: services bound to the caller's principal and forked EntityManager, fresh loaders. */
export function createTenancyContext(base: SubgraphContext, { bus, signingKey, privacy }: TenancyDependencies): TenancyContext {
  const { em, principal, logger } = base;
  const events = new TenancyEventPublisher(bus, logger);
  const plans = new PlanService(em);
  const tenants = new TenantService(em, plans, principal, events);
  const settings = new SettingsService(em, tenants, plans, principal);
  const learners = new LearnerService(em, principal);
  return {
    ...base,
    tenants,
    plans,
    settings,
    apiKeys: new ApiKeyService(em, principal, signingKey, events),
    audit: new AuditService(em, principal, events, logger),
    access: new AccessService(em, plans, settings, signingKey),
    learners,
    privacy: new LearnerPrivacyService(em, principal, privacy.blockingPeriodMs, privacy.stepDecided),
    loaders: { ...createTenancyLoaders(tenants, plans), ...createSettingsLoaders(settings), ...createLearnerLoaders(learners) },
  };
}
