import type { ExecutionKey } from '@academy/subgraph-kit';
import type { AnalyticsContext } from '../../context';

/**
 * What executing a live event for a subscriber may depend on: subscribers with equal keys (and the same
 * document and variables) share one execution per event. Which events reach a subscriber is decided
 * before this, per subscriber (LiveSubscriptions: tenant, audience, arguments); the key only covers
 * turning an event that reached it into a result.
 *
 * Everything of the principal that authorization could read is in it: tenant, roles, scopes, method,
 * plan and flags, so no result is shared across tenants or audiences (the audience follows from roles
 * and method). Two things are left out:
 * - `subject`: no resolver or rule reachable from the Subscription payload types reads it. The root
 *   fields' per-event `resolve` returns the event (their rules run on `subscribe`, once, see
 *   applyAuthorization); ProgressEvent, EngagementEvent, CertificationUpdate, Learner,
 *   CompetencyStandard and EventLineage are `allow` in authorization.ts, and their field resolvers
 *   (`learner`, `standard`, `lineage`) read only the event. So subscribers of one tenant with the same
 *   roles share, whoever they are. test/live-execution-key.test.ts executes every field of every
 *   Subscription field with a context that records what is read, and fails when this stops being true.
 * - `requestId`: it only names log lines, and nothing in these executions logs.
 */
export const liveExecutionKey: ExecutionKey<AnalyticsContext> = ({ principal }) =>
  JSON.stringify([principal.tenantId, principal.roles, principal.scopes, principal.authMethod, principal.plan, principal.flags]);
