import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** One RENEC competency standard. The catalog is public and shared, so rows carry no tenant. */
@Entity({ tableName: 'competency_standard' })
export class CompetencyStandardEntity {
  @PrimaryKey({ type: 'string', length: 16 }) code: string;
  @Property({ type: 'text' }) title: string;
  @Index() @Property({ type: 'integer' }) level: number;
  @Index() @Property({ type: 'string', length: 255, nullable: true }) sector: string | null;
  /** RENEC's sector id as captured; it does not always agree with `sector`, so it is kept apart. */
  @Property({ type: 'string', length: 16, nullable: true }) sectorId: string | null;
  @Index() @Property({ type: 'string', length: 255 }) committee: string;
  /** Accent-folded lowercase title and code: word search with LIKE behaves the same on SQLite and PostgreSQL. */
  @Property({ type: 'text' }) searchText: string;
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
  /** Withdrawn from RENEC; kept because certifications still reference it. */
  @Property({ type: 'boolean', default: false }) retired: boolean & Opt = false;
}
