import type { KeyValueStore } from '@academy/cache';
import type { ConocerClient } from '@academy/conocer-client';
import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import { PeriodicTask } from './common/periodic-task';
import type { ConocerEnvironment } from './environment';
import { CERTIFICATION_EVENT, CertificationEntity, certificationSaga, createAutoCertifier } from './modules/certification';
import { COURSE_COMPLETED, courseCompletedHandler } from './modules/completion';
import { CurpVault } from './modules/curp';
import { OutboxRelay } from './modules/outbox';
import { LEARNER_CANCELLATION_TYPES, learnerCancellationHandler, PRIVACY_GROUP, refuseBlockedLearners } from './modules/privacy';
import { type CertificationProvider, PluginRegistry, ProviderDirectory } from './modules/plugins';
import { ConocerProvider } from './modules/providers/conocer';
import { OpenBadgesProvider } from './modules/providers/open-badges';
import { type SagaHooks, SagaRunner } from './modules/saga';
import type { PendingSubmissions } from './modules/sync';
import { SUBMISSION_GROUP, SubmissionPoller, submissionHandler } from './modules/submission';
import { VerificationRateLimiter } from './modules/verification';

/** Consumer group of `course.completed`: one durable queue on RabbitMQ. */
export const COMPLETION_GROUP = 'conocer.course-completions';

export interface CertificationEngineOptions {
  orm: MikroORM;
  bus: EventBus;
  store: KeyValueStore;
  env: ConocerEnvironment;
  logger: Logger;
  /** Called around every saga step (tests stop the process between steps with it). */
  sagaHooks?: SagaHooks;
  /** The service's CONOCER client (shared with the standards sync: one token, one circuit). */
  conocerClient: ConocerClient;
}

/**
 * Everything behind certifications that runs outside requests: the providers, the saga runner and its
 * sweeper, the outbox relay, the submission worker and status poller, and the course-completion
 * consumer. Started after the database is migrated; closed before it.
 */
export interface CertificationEngine {
  vault: CurpVault;
  providers: ProviderDirectory;
  runner: SagaRunner;
  limiter: VerificationRateLimiter;
  relay: OutboxRelay;
  poller: SubmissionPoller;
  /** Wake the outbox relay (after a commit that queued events). */
  relayNow(): void;
  /** Runs one round of every periodic task, in dependency order (tests and operations). */
  drain(): Promise<void>;
  /** Certifications on their way to CONOCER: PENDING (queued, retrying or dead-lettered) or SUBMITTED (waiting for the folio). */
  pendingSubmissions(): Promise<PendingSubmissions>;
  issuerOf(provider: string): string;
  close(): Promise<void>;
}

function enabledProviders(env: ConocerEnvironment, conocerClient: ConocerClient, logger: Logger): CertificationProvider[] {
  const providers: CertificationProvider[] = [new ConocerProvider(conocerClient)];
  if (env.OPEN_BADGES_SIGNING_KEY || env.NODE_ENV !== 'production') {
    providers.push(new OpenBadgesProvider({ issuer: { id: env.OPEN_BADGES_ISSUER_URL, name: env.OPEN_BADGES_ISSUER_NAME }, signingKeyPem: env.OPEN_BADGES_SIGNING_KEY }));
  } else {
    logger.info('OPEN_BADGES_SIGNING_KEY is not set: the open-badges provider is off');
  }
  return providers;
}

export async function startCertificationEngine({ orm, bus, store, env, logger, sagaHooks, conocerClient }: CertificationEngineOptions): Promise<CertificationEngine> {
  const log = logger.child({ component: 'certifications' });
  // Background work is not a request: it acts for every tenant, and each row it touches names its own.
  const em = forkWithTenantScope(orm.em, ALL_TENANTS);
  const vault = new CurpVault(env.CURP_ENCRYPTION_KEYS, env.CURP_ENCRYPTION_KEY_ID, env.CURP_BLIND_INDEX_KEY);
  const registry = new PluginRegistry<CertificationProvider>(log);
  for (const provider of enabledProviders(env, conocerClient, log)) registry.register(provider);
  await registry.initialize();
  const stops: (() => Promise<void>)[] = [() => registry.cleanup()];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const providers = new ProviderDirectory(registry, env.CERTIFICATION_PROVIDER);
    const relay = new OutboxRelay(em, bus, log);
    const relayTask = new PeriodicTask('outbox relay', env.OUTBOX_POLL_INTERVAL_MS, () => relay.relay(), log);
    const relayNow = () => relayTask.kick();
    const runner = new SagaRunner(em, certificationSaga, { leaseMs: env.SAGA_LEASE_MS, maxStepAttempts: env.SAGA_MAX_STEP_ATTEMPTS, hooks: sagaHooks }, log, relayNow);
    const sweeper = new PeriodicTask('saga sweeper', env.SAGA_SWEEP_INTERVAL_MS, () => runner.sweep(), log);
    const poller = new SubmissionPoller(em, providers, runner, log, { pollIntervalMs: env.SUBMISSION_POLL_INTERVAL_MS, staleMs: env.SUBMISSION_STALE_MS }, relayNow);
    const pollerTask = new PeriodicTask('submission poller', env.SUBMISSION_POLL_INTERVAL_MS, () => poller.run(), log);
    // Stopped in reverse: consumers first, then the periodic tasks, the runner, and the plugins last.
    relayTask.start();
    stops.push(() => relayTask.stop());
    stops.push(() => runner.close());
    sweeper.start();
    stops.push(() => sweeper.stop());
    pollerTask.start();
    stops.push(() => pollerTask.stop());

    const starter = { runner, vault, providers };
    const workerOptions = { maxAttempts: env.SUBMISSION_MAX_ATTEMPTS, pollIntervalMs: env.SUBMISSION_POLL_INTERVAL_MS };
    const consumers: Unsubscribe[] = [];
    stops.push(async () => {
      await Promise.all(consumers.map((stop) => stop()));
    });
    consumers.push(
      await bus.consume(SUBMISSION_GROUP, [CERTIFICATION_EVENT.submissionRequested], submissionHandler({ em, providers, vault, runner, logger: log, onCommit: relayNow }, workerOptions), {
        maxAttempts: env.SUBMISSION_MAX_ATTEMPTS,
        retryDelayMs: env.SUBMISSION_RETRY_DELAY_MS,
        maxRetryDelayMs: env.SUBMISSION_MAX_RETRY_DELAY_MS,
      }),
    );
    consumers.push(await bus.consume(COMPLETION_GROUP, [COURSE_COMPLETED], refuseBlockedLearners(em, log, courseCompletedHandler(em, log, createAutoCertifier(em, starter, log)))));
    consumers.push(await bus.consume(PRIVACY_GROUP, LEARNER_CANCELLATION_TYPES, learnerCancellationHandler(em, log, relayNow)));

    return {
      vault,
      providers,
      runner,
      limiter: new VerificationRateLimiter(store, env.VERIFICATION_RATE_LIMIT_PER_MINUTE),
      relay,
      poller,
      relayNow,
      drain: async () => {
        await sweeper.runNow();
        await relayTask.runNow();
        await pollerTask.runNow();
        await relayTask.runNow();
      },
      pendingSubmissions: async () => {
        const pending: FilterQuery<CertificationEntity> = { provider: 'conocer', status: { $in: ['PENDING', 'SUBMITTED'] } };
        const fork = em.fork();
        const [count, oldest] = await Promise.all([fork.count(CertificationEntity, pending), fork.findOne(CertificationEntity, pending, { orderBy: { createdAt: 'asc' }, fields: ['createdAt'] })]);
        return { count, oldestSince: oldest?.createdAt ?? null };
      },
      issuerOf: (provider) => (provider === 'open-badges' ? env.OPEN_BADGES_ISSUER_NAME : provider.toUpperCase()),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
