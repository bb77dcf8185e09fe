import { foldText } from '../standard';
import { keywordsIn } from './keyword-match';
import { type AlignmentCategory, RUBRIC, type Rubric, type RubricDimension } from './solarpunk-rubric.data';

export interface CourseDescription {
  title: string;
  description: string;
  learningOutcomes: string[];
  /** Normalised codes (trimmed, uppercase). */
  standardCodes: string[];
  practices: string[];
}

export interface StandardFacts {
  code: string;
  title: string;
  committee: string;
  sector: string | null;
}

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

export interface CriterionResult {
  id: string;
  title: string;
  points: number;
  met: boolean;
  /** What met it: `practice:X`, `keyword:Y`, `standards`. */
  evidence: string[];
}

export interface DimensionResult {
  dimension: RubricDimension['id'];
  name: string;
  weight: number;
  score: number;
  criteria: CriterionResult[];
}

export interface StandardAlignmentResult {
  standardCode: string;
  title: string | null;
  known: boolean;
  category: AlignmentCategory['id'] | 'UNKNOWN';
  score: number;
}

export interface Finding {
  severity: Severity;
  /** A dimension id, or `STANDARDS_ALIGNMENT`. */
  area: string;
  criterionId: string | null;
  message: string;
}

export interface ComplianceReport {
  rubricVersion: string;
  overallScore: number;
  level: Rubric['levels'][number]['level'];
  compliant: boolean;
  dimensions: DimensionResult[];
  alignment: { weight: number; score: number; standards: StandardAlignmentResult[] };
  findings: Finding[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The category of a standard: the first of the rubric's categories whose title words, committee or sector match. */
export function categoryOf(standard: StandardFacts, rubric: Rubric = RUBRIC): AlignmentCategory {
  const title = foldText(standard.title);
  const committee = foldText(standard.committee);
  const categories = rubric.alignment.categories;
  return (
    categories.find(
      (category) =>
        keywordsIn(title, category.titleKeywords).length > 0 ||
        category.committees.some((fragment) => committee.includes(fragment)) ||
        (standard.sector !== null && category.sectors.includes(standard.sector)),
    ) ?? categories.at(-1)!
  );
}

function evaluateDimension(dimension: RubricDimension, text: string, course: CourseDescription): DimensionResult {
  const criteria = dimension.criteria.map((criterion) => {
    const evidence = [
      ...criterion.practices.filter((practice) => course.practices.includes(practice)).map((practice) => `practice:${practice}`),
      ...keywordsIn(text, criterion.keywords).map((keyword) => `keyword:${keyword}`),
      ...(criterion.metByStandards && course.standardCodes.length > 0 ? ['standards'] : []),
    ];
    return { id: criterion.id, title: criterion.title, points: criterion.points, met: evidence.length > 0, evidence };
  });
  const total = criteria.reduce((sum, c) => sum + c.points, 0);
  const met = criteria.filter((c) => c.met).reduce((sum, c) => sum + c.points, 0);
  return { dimension: dimension.id, name: dimension.name, weight: dimension.weight, score: round((met / total) * 100), criteria };
}

/**
 * Scores a course against the rubric: each dimension is the share of its criteria's points met; the
 * standards' alignment is the mean of their categories' scores (an unknown code scores 0); the overall
 * score is the weighted sum. `suggestions` are standards of the top categories to propose.
 */
export function evaluateCompliance(course: CourseDescription, catalog: ReadonlyMap<string, StandardFacts>, suggestions: StandardFacts[] = [], rubric: Rubric = RUBRIC): ComplianceReport {
  const text = foldText([course.title, course.description, ...course.learningOutcomes].join('\n'));
  const dimensions = rubric.dimensions.map((dimension) => evaluateDimension(dimension, text, course));
  const standards: StandardAlignmentResult[] = course.standardCodes.map((code) => {
    const standard = catalog.get(code);
    if (!standard) return { standardCode: code, title: null, known: false, category: 'UNKNOWN', score: 0 };
    const category = categoryOf(standard, rubric);
    return { standardCode: code, title: standard.title, known: true, category: category.id, score: category.score };
  });
  const alignmentScore = standards.length ? round(standards.reduce((sum, s) => sum + s.score, 0) / standards.length) : 0;
  const overallScore = round(dimensions.reduce((sum, d) => sum + d.weight * d.score, 0) + rubric.alignment.weight * alignmentScore);
  const findings = [...criterionFindings(rubric, dimensions), ...alignmentFindings(standards, suggestions)];
  const severityRank: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
  findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  return {
    rubricVersion: rubric.version,
    overallScore,
    level: rubric.levels.find((level) => overallScore >= level.min)!.level,
    compliant: overallScore >= rubric.passingScore && dimensions.every((d) => d.score >= rubric.dimensionFloor),
    dimensions,
    alignment: { weight: rubric.alignment.weight, score: alignmentScore, standards },
    findings,
  };
}

function criterionFindings(rubric: Rubric, dimensions: DimensionResult[]): Finding[] {
  return dimensions.flatMap((result) => {
    const dimension = rubric.dimensions.find((d) => d.id === result.dimension)!;
    // A criterion missing from a dimension under the floor is what keeps the course non-compliant.
    const underFloor = result.score < rubric.dimensionFloor;
    return result.criteria
      .filter((criterion) => !criterion.met)
      .map((criterion) => ({
        severity: (underFloor && criterion.points >= 30 ? 'HIGH' : criterion.points >= 30 ? 'MEDIUM' : 'LOW') as Severity,
        area: result.dimension,
        criterionId: criterion.id,
        message: `${criterion.id} ${criterion.title} (${criterion.points} points): ${dimension.criteria.find((c) => c.id === criterion.id)!.finding}`,
      }));
  });
}

function alignmentFindings(standards: StandardAlignmentResult[], suggestions: StandardFacts[]): Finding[] {
  const findings: Finding[] = [];
  const examples = suggestions.length ? ` For example: ${suggestions.map((s) => `${s.code} (${s.title})`).join('; ')}.` : '';
  if (standards.length === 0) {
    findings.push({ severity: 'HIGH', area: 'STANDARDS_ALIGNMENT', criterionId: null, message: `Map the course to the CONOCER competency standard(s) it prepares for.${examples}` });
  }
  for (const standard of standards.filter((s) => !s.known)) {
    findings.push({ severity: 'HIGH', area: 'STANDARDS_ALIGNMENT', criterionId: null, message: `${standard.standardCode} is not a current standard of the RENEC catalog; fix or remove it.` });
  }
  if (standards.length > 0 && standards.every((s) => s.category === 'OTHER' || s.category === 'TRAINING' || s.category === 'UNKNOWN')) {
    findings.push({
      severity: 'LOW',
      area: 'STANDARDS_ALIGNMENT',
      criterionId: null,
      message: `None of the course's standards is an energy, environment or water standard, which rank highest; consider adding one the course also covers.${examples}`,
    });
  }
  return findings;
}
