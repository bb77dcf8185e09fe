import { AppError } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { CompetencyStandardEntity, foldText } from '../standard';
import { categoryOf, type ComplianceReport, evaluateCompliance, type StandardFacts } from './compliance.evaluator';
import type { SolarpunkCourseInput } from './compliance.input';
import { RUBRIC } from './solarpunk-rubric.data';

const HIGH_CATEGORIES = new Set(['WATER', 'ENERGY', 'ENVIRONMENT']);
const MAX_SUGGESTIONS = 3;
const words = (text: string) => new Set(foldText(text).split(/[^a-z0-9]+/).filter((word) => word.length >= 5));

/** Reads what the evaluator needs from the catalog: the course's standards and, for findings, related top-category standards. */
export class ComplianceService {
  constructor(private readonly em: EntityManager) {}

  async evaluate(input: SolarpunkCourseInput): Promise<ComplianceReport> {
    const unknownPractices = input.practices.filter((practice) => !RUBRIC.practices.includes(practice));
    if (unknownPractices.length) {
      throw new AppError('BAD_USER_INPUT', `Unknown practices: ${unknownPractices.join(', ')}; the rubric knows ${RUBRIC.practices.join(', ')}`, { argument: 'course.practices' });
    }
    const codes = [...new Set(input.standardCodes.map((code) => code.trim().toUpperCase()))];
    const rows = codes.length ? await this.em.find(CompetencyStandardEntity, { code: { $in: codes }, retired: false }) : [];
    const catalog = new Map<string, StandardFacts>(rows.map((row) => [row.code, row]));
    const course = { ...input, standardCodes: codes };
    const highlyAligned = rows.some((row) => HIGH_CATEGORIES.has(categoryOf(row).id));
    const suggestions = highlyAligned ? [] : await this.suggestions(`${input.title} ${input.description}`, new Set(codes));
    return evaluateCompliance(course, catalog, suggestions);
  }

  /** Current energy, environment and water standards sharing the most words with the course. */
  private async suggestions(courseText: string, exclude: Set<string>): Promise<StandardFacts[]> {
    const courseWords = words(courseText);
    const all = await this.em.find(CompetencyStandardEntity, { retired: false }, { fields: ['code', 'title', 'committee', 'sector'] });
    return all
      .filter((row) => !exclude.has(row.code) && HIGH_CATEGORIES.has(categoryOf(row).id))
      .map((row) => ({ row, shared: [...words(row.title)].filter((word) => courseWords.has(word)).length }))
      .filter(({ shared }) => shared > 0)
      .sort((a, b) => b.shared - a.shared || a.row.code.localeCompare(b.row.code))
      .slice(0, MAX_SUGGESTIONS)
      .map(({ row }) => ({ code: row.code, title: row.title, committee: row.committee, sector: row.sector }));
  }
}
