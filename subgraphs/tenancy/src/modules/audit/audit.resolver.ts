import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { AuditEntry, AuditEntryConnection } from './audit-entry.type';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Administrative actions, newest first: a tenant admin sees their tenant’s, a platform admin everyone’s.',
  })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  auditLog(
    @Ctx() { audit }: TenancyContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('action', () => String, { nullable: true, description: 'Only this action, e.g. `api-key.create`.' }) action?: string,
  ): Promise<AuditEntryConnection> {
    return audit.list(first, after, action);
  }
}
