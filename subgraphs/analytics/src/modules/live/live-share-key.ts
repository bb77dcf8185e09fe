import { createHash } from 'node:crypto';
import type { AnalyticsContext } from '../../context';
import { progressAudienceOf } from '../progress';
import { liveExecutionKey } from './live-execution-key';

/**
 * The key under which the gateway may serve many clients from one upstream subscription: two
 * principals with equal keys get the same stream from every `Subscription` field here, for the same
 * document and variables. It holds what subscribing depends on (the authorization rules read the
 * tenant, scopes and method, all in the execution key), what the feed's filter depends on (the
 * tenant and the audience: the whole tenant, or one learner's own events, subject included), and what
 * executing an event depends on (`liveExecutionKey`). So instructors of a tenant with the same roles
 * and scopes share, and each learner shares only with their own sessions. Hashed: the gateway only
 * compares keys.
 */
export function liveShareKey(context: AnalyticsContext): string | null {
  if (context.principal.tenantId === null) return null;
  const audience = progressAudienceOf(context.principal);
  return createHash('sha256')
    .update(JSON.stringify([liveExecutionKey(context), audience.kind === 'tenant' ? null : audience.learnerId]))
    .digest('base64url');
}
