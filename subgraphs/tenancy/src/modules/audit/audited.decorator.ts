import { type MiddlewareFn, UseMiddleware } from 'type-graphql';
import type { AuditOutcomeValue } from '../../events';
import type { AuditService, AuditSpec } from './audit.service';

interface AuditingContext {
  audit: AuditService;
}

/** Mutation name → how it is audited; the authorization rules read it to record denials too. */
const AUDITED = new Map<string, AuditSpec>();

export function auditSpecOf(mutation: string): AuditSpec | undefined {
  return AUDITED.get(mutation);
}

const DENIALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'TENANT_REQUIRED']);

/** The outcome and reason an error stands for; the reason is the code and message, never the input. */
export function auditOutcomeOf(error: unknown): { outcome: AuditOutcomeValue; reason: string } {
  // Duck-typed: type-graphql's errors come from graphql's CommonJS build, so `instanceof` may not hold.
  const { extensions, message } = (error ?? {}) as { extensions?: { code?: unknown }; message?: unknown };
  const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
  if (code === undefined) return { outcome: 'failure', reason: 'INTERNAL_SERVER_ERROR: Unexpected error' };
  return { outcome: DENIALS.has(code) ? 'denied' : 'failure', reason: `${code}: ${String(message)}` };
}

/**
 * Records the mutation in the audit log, success or failure. type-graphql runs middlewares around
 * argument validation, so invalid input is recorded too; refusals by the shield rules never reach
 * the resolver and are recorded by the rules (see `auditDenials`). The field must keep the method's name.
 */
export function Audited(spec: AuditSpec): MethodDecorator {
  return (prototype, key, descriptor) => {
    AUDITED.set(String(key), spec);
    const middleware: MiddlewareFn<AuditingContext> = async ({ args, context }, next) => {
      try {
        const result = await next();
        await context.audit.record(spec, args, { outcome: 'success', result });
        return result;
      } catch (error) {
        await context.audit.record(spec, args, auditOutcomeOf(error));
        throw error;
      }
    };
    UseMiddleware(middleware)(prototype, key, descriptor);
  };
}
