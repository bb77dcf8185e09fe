import type { DomainEvent } from '@academy/event-bus';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { AuditEntryEntity } from './audit-entry.entity';

/** Overlong text is cut to the column, not refused: losing an audit entry is worse than trimming it. */
const text = (max: number) => z.string().transform((s) => s.slice(0, max));

const auditEvent = z.object({
  id: z.guid(),
  tenantId: z.guid().nullable().optional(),
  payload: z.object({
    actor: text(200).pipe(z.string().min(1)),
    authMethod: text(16).pipe(z.string().min(1)),
    tenantId: z.guid().nullable().optional(),
    action: text(64).pipe(z.string().min(1)),
    target: text(300),
    outcome: z.enum(['success', 'failure', 'denied']),
    requestId: text(128),
    reason: text(500).nullish(),
    at: z.iso.datetime({ offset: true }),
  }),
});

export type AuditEventProblem = { problems: string[] };

/** The row an `audit.recorded` event stores, or why the event cannot be stored. */
export function auditRowOf(event: DomainEvent): AuditEntryEntity | AuditEventProblem {
  const parsed = auditEvent.safeParse(event);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const { id, payload } = parsed.data;
  return Object.assign(new AuditEntryEntity(), {
    ...payload,
    id,
    tenantId: payload.tenantId ?? parsed.data.tenantId ?? null,
    reason: payload.reason ?? null,
    at: new Date(payload.at),
  });
}

/** Idempotent on the event id: a second delivery of the same event changes nothing. Returns whether it stored. */
export async function storeAuditEntry(em: EntityManager, row: AuditEntryEntity): Promise<boolean> {
  try {
    await em.insert(AuditEntryEntity, row);
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
