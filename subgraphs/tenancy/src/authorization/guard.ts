import { AppError, type Principal } from '@academy/service-kit';
import { rule } from '@academy/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { TenancyContext } from '../context';
import { auditOutcomeOf, auditSpecOf } from '../modules/audit';
import type { LearnerOwnership, Verdict } from './principal-policy';

export type Rule = ReturnType<ReturnType<typeof rule>>;

/**
 * A principal check as a shield rule. A refused administrative mutation never reaches its resolver,
 * so the refusal is recorded in the audit log here. Not cached: the audit entry must be written once
 * per refused field, and the check itself is a few comparisons.
 */
export function guard(check: (p: Principal) => Verdict): Rule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: TenancyContext, info: GraphQLResolveInfo) => {
    const verdict = check(ctx.principal);
    if (verdict !== true && info.parentType.name === 'Mutation') {
      const spec = auditSpecOf(info.fieldName);
      if (spec) await ctx.audit.record(spec, args, auditOutcomeOf(verdict));
    }
    return verdict;
  });
}

/**
 * A check on the object being read, for fields whose visibility depends on which tenant it is.
 * Cached per tenant id, so a page of tenants costs one check per tenant and field kind.
 */
export function guardTenant(name: string, allowed: (p: Principal, tenantId: string) => boolean, message: string): Rule {
  return rule(name, { cache: (parent: { id: string }) => parent.id })((parent: { id: string }, _args, ctx: TenancyContext) =>
    allowed(ctx.principal, parent.id) ? true : new AppError('FORBIDDEN', message),
  );
}

/**
 * A check on a learner being read (through `learner`, `learners`, `me` or `_entities`). Cached per
 * learner, so each learner of a page is checked once however many of its fields are selected.
 */
export function guardLearner(name: string, allowed: (p: Principal, learner: LearnerOwnership) => boolean, message: string): Rule {
  return rule(name, { cache: (parent: LearnerOwnership) => `${parent.tenantId}/${parent.id}` })((parent: LearnerOwnership, _args, ctx: TenancyContext) =>
    allowed(ctx.principal, parent) ? true : new AppError('FORBIDDEN', message),
  );
}
