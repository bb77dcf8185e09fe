import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { qualifiedTable } from '../events';

/**
 * Every analytics table that holds rows about one learner, and how to erase them. Per-learner rows
 * go; the API usage log keeps its rows (the tenant's anonymous counts) without the learner's subject.
 * A table keyed by learner id that is added later must be added here.
 */
export async function eraseLearner(em: SqlEntityManager, dialect: DatabaseDialect, tenantId: string, learnerId: string): Promise<Record<string, number>> {
  const t = (name: string) => qualifiedTable(dialect, name);
  // A dead letter keeps the event as received under `data` (DeadLetterPayload).
  const learnerInPayload = dialect === 'postgresql' ? `payload->'data'->>'learnerId'` : `json_extract(payload, '$.data.learnerId')`;
  const statements: Record<string, string> = {
    // Receipts first: they point at the events about to go.
    receipts: `delete from ${t('analytics_event_receipt')} where tenant_id = ? and event_id in (select id from ${t('analytics_events')} where tenant_id = ? and learner_id = ?)`,
    events: `delete from ${t('analytics_events')} where tenant_id = ? and learner_id = ?`,
    completions: `delete from ${t('analytics_course_completion')} where tenant_id = ? and learner_id = ?`,
    certificationMilestones: `delete from ${t('analytics_certification_milestone')} where tenant_id = ? and learner_id = ?`,
    deadLetters: `delete from ${t('analytics_dead_letter')} where tenant_id = ? and ${learnerInPayload} = ?`,
    apiUsageAnonymised: `update ${t('api_request')} set principal_id = null where tenant_id = ? and principal_kind = 'user' and principal_id = ?`,
  };
  const counts: Record<string, number> = {};
  for (const [name, sql] of Object.entries(statements)) {
    const params = name === 'receipts' ? [tenantId, tenantId, learnerId] : [tenantId, learnerId];
    const result = await em.execute<{ affectedRows?: number }>(sql, params, 'run');
    counts[name] = result.affectedRows ?? 0;
  }
  return counts;
}
