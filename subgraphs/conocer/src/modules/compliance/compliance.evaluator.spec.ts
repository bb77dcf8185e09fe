import { describe, expect, it } from 'vitest';
import { categoryOf, type CourseDescription, evaluateCompliance, type StandardFacts } from './compliance.evaluator';
import { keywordsIn } from './keyword-match';
import { RUBRIC } from './solarpunk-rubric.data';

const solar: StandardFacts = { code: 'EC0586.01', title: 'Instalación de sistemas fotovoltaicos en residencia, comercio e industria', committee: 'de Energía Renovable y Eficiencia Energética', sector: null };
const water: StandardFacts = { code: 'EC0001', title: 'Operación de plantas potabilizadoras', committee: 'del Sector Hídrico', sector: null };
const teaching: StandardFacts = { code: 'EC0217.01', title: 'Impartición de cursos de formación del capital humano de manera presencial grupal', committee: 'de la Formación para el Trabajo', sector: 'SERVICIOS EDUCATIVOS' };
const catalog = new Map([solar, water, teaching].map((s) => [s.code, s]));

const course = (overrides: Partial<CourseDescription> = {}): CourseDescription => ({
  title: 'Curso',
  description: '',
  learningOutcomes: [],
  standardCodes: [],
  practices: [],
  ...overrides,
});

describe('solarpunk compliance', () => {
  it('keeps the rubric consistent: weights sum to 1, criteria of every dimension to 100 points, practices declared', () => {
    expect(RUBRIC.dimensions.reduce((sum, d) => sum + d.weight, 0) + RUBRIC.alignment.weight).toBeCloseTo(1);
    for (const dimension of RUBRIC.dimensions) expect(dimension.criteria.reduce((sum, c) => sum + c.points, 0)).toBe(100);
    const used = RUBRIC.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.practices));
    expect(new Set(used)).toEqual(new Set(RUBRIC.practices));
    expect(new Set(RUBRIC.dimensions.flatMap((d) => d.criteria.map((c) => c.id))).size).toBe(16);
  });

  it('matches keywords as whole words or stems, without accents or case', () => {
    expect(keywordsIn('los metodos de reutilizacion', ['ods', 'reutiliz*'])).toEqual(['reutiliz*']);
    expect(keywordsIn('alineado a los ods 7 y 13', ['ods'])).toEqual(['ods']);
    expect(keywordsIn('el grifo gotea', ['gri'])).toEqual([]);
  });

  it('ranks energy, water and environment standards above training and the rest', () => {
    expect(categoryOf(solar).id).toBe('ENERGY');
    expect(categoryOf(water).id).toBe('WATER');
    expect(categoryOf(teaching).id).toBe('TRAINING');
    expect(categoryOf({ code: 'EC0004', title: 'Preparación de órganos para ajuste en banco', committee: 'del Sistema de Transporte Colectivo', sector: 'TRANSPORTES, CORREOS Y ALMACENAMIENTO' }).id).toBe('OTHER');
  });

  it('scores an empty course low, with a finding for every criterion and for the missing standard', () => {
    const report = evaluateCompliance(course(), catalog);
    expect(report).toMatchObject({ overallScore: 0, level: 'SEEDLING', compliant: false, alignment: { score: 0, standards: [] } });
    expect(report.dimensions.map((d) => d.score)).toEqual([0, 0, 0, 0]);
    expect(report.findings).toHaveLength(17);
    expect(report.findings[0]!.severity).toBe('HIGH');
    expect(report.findings.some((f) => f.area === 'STANDARDS_ALIGNMENT' && /Map the course/.test(f.message))).toBe(true);
  });

  it('credits declared practices and evidence in the text, and weighs the standards', () => {
    const report = evaluateCompliance(
      course({
        title: 'Instalación solar comunitaria',
        description:
          'Con una cooperativa del ejido medimos el consumo de energía en kWh, fijamos una línea base y una meta de reducción, y reportamos indicadores de los ODS. Pensamiento sistémico y ciclo de vida; reutilización de paneles y separación de residuos.',
        learningOutcomes: ['Cada participante elabora un plan de acción'],
        standardCodes: ['EC0586.01', 'EC9999'],
        practices: ['INCLUSIVE_ACCESS', 'OPEN_MATERIALS'],
      }),
      catalog,
    );
    const byDimension = Object.fromEntries(report.dimensions.map((d) => [d.dimension, d.score]));
    expect(byDimension).toEqual({ SUSTAINABILITY_METRICS: 80, COMMUNITY_IMPACT: 80, REGENERATIVE_EDUCATION: 50, CIRCULARITY: 80 });
    expect(report.alignment).toMatchObject({ score: 50, standards: [{ standardCode: 'EC0586.01', category: 'ENERGY', score: 100 }, { standardCode: 'EC9999', known: false, score: 0 }] });
    // 0.2 × (80 + 80 + 50 + 80 + 50)
    expect(report).toMatchObject({ overallScore: 68, level: 'FLOURISHING', compliant: true });
    const sm1 = report.dimensions[0]!.criteria.find((c) => c.id === 'SM-1')!;
    expect(sm1.evidence).toEqual(expect.arrayContaining(['keyword:kwh', 'keyword:consumo de energia']));
    expect(report.findings.map((f) => f.criterionId)).toEqual(expect.arrayContaining(['SM-4', 'RE-2', 'RE-3']));
    expect(report.findings.some((f) => /EC9999 is not a current standard/.test(f.message))).toBe(true);
  });
});
