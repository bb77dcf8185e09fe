import type { EntityManager } from '@mikro-orm/core';
import { PlanEntity } from './plan.entity';
import { type Plan, planCodeFrom } from './plan.type';

export function toPlan({ code, name, ...limits }: PlanEntity): Plan {
  return { code: planCodeFrom(code), name, limits };
}

export class PlanService {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<Plan[]> {
    const rows = await this.em.find(PlanEntity, {}, { orderBy: { maxOperationCost: 'asc' } });
    return rows.map(toPlan);
  }

  async byCodes(codes: readonly string[]): Promise<(Plan | undefined)[]> {
    const rows = await this.em.find(PlanEntity, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((row) => [row.code, toPlan(row)]));
    return codes.map((code) => byCode.get(code));
  }

  async exists(code: string): Promise<boolean> {
    return (await this.em.count(PlanEntity, { code })) > 0;
  }
}
