import type { Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type FilterQuery, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { blockedLearnerIds } from '../profile';
import { SagaEntity } from '../saga';
import { type CertificationAudience, certificationAudienceOf } from './certification.audience';
import { CertificationEntity } from './certification.entity';
import type { CertificationFilter } from './certification.input';
import { toCertification, toCertificationSaga } from './certification.mapper';
import type { Certification, CertificationSaga } from './certification.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Where = FilterQuery<CertificationEntity>;

/**
 * Reads of certifications. Tenant isolation is the EntityManager's (the tenant filter of
 * `@TenantScoped()`); this adds the learner rule, so a learner sees only their own.
 */
export class CertificationService {
  private readonly audience: CertificationAudience;
  private hiddenLearners: Promise<Set<string>> | undefined;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {
    this.audience = certificationAudienceOf(principal);
  }

  /** `where` narrowed to the caller's audience; null when it may see none. */
  private visible(where: Where): Where | null {
    if (this.audience.kind === 'tenant') return where;
    if (this.audience.learnerId === null) return null;
    return { $and: [where, { learnerId: this.audience.learnerId }] };
  }

  /** Learners blocked by a cancellation: their certifications are no longer shown (read once per request). */
  private hidden(): Promise<Set<string>> {
    const { tenantId } = this.principal;
    this.hiddenLearners ??= tenantId === null ? Promise.resolve(new Set()) : blockedLearnerIds(this.em, tenantId).then((ids) => new Set(ids));
    return this.hiddenLearners;
  }

  async byIds(ids: readonly string[]): Promise<(Certification | undefined)[]> {
    const wellFormed = ids.filter((id) => UUID.test(id));
    const where = wellFormed.length ? this.visible({ id: { $in: wellFormed } }) : null;
    const hidden = await this.hidden();
    const rows = where ? await this.em.find(CertificationEntity, where) : [];
    const byId = new Map(rows.filter((row) => !hidden.has(row.learnerId)).map((row) => [row.id, toCertification(row)]));
    return ids.map((id) => byId.get(id));
  }

  async list(filter: CertificationFilter = {}, first: number, after: string | null | undefined): Promise<Connection<Certification>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const hidden = [...(await this.hidden())];
    const where = this.visible({
      ...(hidden.length > 0 && { learnerId: { $nin: hidden } }),
      ...(filter.learnerId != null && { $and: [{ learnerId: filter.learnerId }] }),
      ...(filter.status != null && { status: filter.status }),
      ...(filter.standardCode != null && { standardCode: filter.standardCode.trim().toUpperCase() }),
    });
    if (where === null) return toConnection([], offset, 0);
    const [rows, total] = await this.em.findAndCount(CertificationEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    return toConnection(rows.map(toCertification), offset, total);
  }

  /**
   * One page per learner for `Learner.certifications`, in two queries whatever the number of learners:
   * the counts, and the rows ranked per learner (a window function) cut to the page.
   */
  async pagesForLearners(learnerIds: readonly string[], first: number, offset: number): Promise<Connection<Certification>[]> {
    const hidden = await this.hidden();
    const audienceIds = this.audience.kind === 'tenant' ? [...learnerIds] : learnerIds.filter((id) => id === (this.audience as { learnerId: string | null }).learnerId);
    const visibleIds = audienceIds.filter((id) => !hidden.has(id));
    if (visibleIds.length === 0) return learnerIds.map(() => toConnection([], offset, 0));
    const counts = this.em.createQueryBuilder(CertificationEntity, 'c').select(['c.learnerId']).addSelect(raw('count(*) as total')).where({ learnerId: { $in: visibleIds } }).groupBy('c.learnerId');
    await counts.applyFilters();
    const totals = new Map((await counts.execute<{ learnerId: string; total: number | string }[]>('all')).map((row) => [row.learnerId, Number(row.total)]));
    const ranked = this.em
      .createQueryBuilder(CertificationEntity, 'c')
      .select(['c.*'])
      .addSelect(raw('row_number() over (partition by c.learner_id order by c.created_at desc, c.id desc) as position'))
      .where({ learnerId: { $in: visibleIds } });
    await ranked.applyFilters();
    const knex = this.em.getKnex();
    const page = knex.from(ranked.getKnexQuery().as('ranked')).where('position', '>', offset).andWhere('position', '<=', offset + checkPageSize(first));
    const rows = (await this.em.execute<Record<string, unknown>[]>(page)).map((record) => this.em.map(CertificationEntity, record));
    const byLearner = new Map<string, Certification[]>();
    for (const row of rows) byLearner.set(row.learnerId, [...(byLearner.get(row.learnerId) ?? []), toCertification(row)]);
    return learnerIds.map((id) => {
      const page = (byLearner.get(id) ?? []).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      return toConnection(page, offset, totals.get(id) ?? 0);
    });
  }

  async sagas(sagaIds: readonly string[]): Promise<(CertificationSaga | undefined)[]> {
    const rows = await this.em.find(SagaEntity, { id: { $in: sagaIds.filter((id) => UUID.test(id)) } });
    const byId = new Map(rows.map((row) => [row.id, toCertificationSaga(row)]));
    return sagaIds.map((id) => byId.get(id));
  }
}
