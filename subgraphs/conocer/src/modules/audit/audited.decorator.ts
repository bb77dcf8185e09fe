import type { Logger, Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { type MiddlewareFn, UseMiddleware } from 'type-graphql';
import { enqueueEvent } from '../outbox';
import { type AuditRecord, auditRecorded } from './audit-recorded.event';

interface AuditingContext {
  principal: Principal;
  logger: Logger;
  em: EntityManager;
  /** Wakes the outbox relay. */
  audit: { recorded(): void };
}

export interface AuditSpec {
  /** e.g. `certification.submit`. */
  action: string;
  /** What the action is on, from the arguments and, on success, the result; never a CURP. */
  target(args: Record<string, unknown>, result?: unknown): string;
}

function reasonOf(error: unknown): string {
  const { extensions, message } = (error ?? {}) as { extensions?: { code?: unknown }; message?: unknown };
  return typeof extensions?.code === 'string' ? `${extensions.code}: ${String(message)}` : 'INTERNAL_SERVER_ERROR: Unexpected error';
}

/**
 * Records the mutation, success or failure, as an `audit.recorded` event through the outbox (its own
 * transaction, so a failed mutation is recorded too, and a broker outage loses no entry). Never
 * changes the outcome it records. The field must keep the method's name.
 */
export function Audited(spec: AuditSpec): MethodDecorator {
  const record = async (context: AuditingContext, entry: AuditRecord) => {
    try {
      await context.em.fork().transactional(async (tx) => enqueueEvent(tx, auditRecorded(context.principal, entry)));
      context.audit.recorded();
    } catch (error) {
      context.logger.error({ err: error, action: entry.action }, 'could not record an audit entry');
    }
  };
  const middleware: MiddlewareFn<AuditingContext> = async ({ args, context }, next) => {
    try {
      const result = await next();
      await record(context, { action: spec.action, target: spec.target(args, result), outcome: 'success' });
      return result;
    } catch (error) {
      await record(context, { action: spec.action, target: spec.target(args), outcome: 'failure', reason: reasonOf(error) });
      throw error;
    }
  };
  return (prototype, key, descriptor) => UseMiddleware(middleware)(prototype, key, descriptor);
}
