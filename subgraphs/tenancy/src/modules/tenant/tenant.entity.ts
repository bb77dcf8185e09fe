import { randomUUID } from 'node:crypto';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

export type TenantStatusValue = 'ACTIVE' | 'SUSPENDED';

@Entity({ tableName: 'tenant' })
export class TenantEntity {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'string', length: 40, unique: true }) slug: string;
  @Property({ type: 'string', length: 200 }) name: string;
  @Index() @Property({ type: 'string', length: 16 }) status: TenantStatusValue & Opt = 'ACTIVE';
  @Property({ type: 'string', length: 32 }) planCode: string;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
}
