/**
 * The solarpunk compliance rubric, as data: what each dimension looks for, how much each criterion
 * weighs, and the finding a course author reads when it is missing. A criterion is met by a declared
 * practice (the author says the course does it) or by evidence in the course's own text (a keyword,
 * matched without accents or case). Change the rubric here; README documents the same table.
 */
export interface RubricCriterion {
  id: string;
  title: string;
  points: number;
  /** Practices (ids of `RUBRIC.practices`) that meet it when declared. */
  practices: string[];
  /**
   * Folded (lowercase, no accents) words or phrases whose presence in the text meets it; whole words,
   * except that a trailing `*` matches any ending (`reutiliz*`: reutilizar, reutilización).
   */
  keywords: string[];
  /** Also met when the course is mapped to at least one EC standard. */
  metByStandards?: boolean;
  /** What to do when it is not met. */
  finding: string;
}

export interface RubricDimension {
  id: 'SUSTAINABILITY_METRICS' | 'COMMUNITY_IMPACT' | 'REGENERATIVE_EDUCATION' | 'CIRCULARITY';
  name: string;
  weight: number;
  criteria: RubricCriterion[];
}

export interface AlignmentCategory {
  id: 'WATER' | 'ENERGY' | 'ENVIRONMENT' | 'TRAINING' | 'OTHER';
  /** A standard's alignment score in this category, 0–100. */
  score: number;
  /** Folded words of the standard's title (a trailing `*` matches any ending). */
  titleKeywords: string[];
  /** Folded fragments of the committee's name. */
  committees: string[];
  /** Exact RENEC sector names (as in the catalog). */
  sectors: string[];
}

export interface Rubric {
  version: string;
  passingScore: number;
  dimensionFloor: number;
  levels: { min: number; level: 'REGENERATIVE' | 'FLOURISHING' | 'SPROUTING' | 'SEEDLING' }[];
  practices: string[];
  dimensions: RubricDimension[];
  alignment: { weight: number; categories: AlignmentCategory[] };
}

export const RUBRIC: Rubric = {
  version: '2026.1',
  /** The overall score needed to be compliant, with no dimension below `dimensionFloor`. */
  passingScore: 60,
  dimensionFloor: 40,
  levels: [
    { min: 80, level: 'REGENERATIVE' },
    { min: 60, level: 'FLOURISHING' },
    { min: 40, level: 'SPROUTING' },
    { min: 0, level: 'SEEDLING' },
  ],
  practices: [
    'MEASURES_FOOTPRINT',
    'SETS_REDUCTION_TARGETS',
    'REPORTS_INDICATORS',
    'LOW_IMPACT_DELIVERY',
    'COMMUNITY_PROJECT',
    'INCLUSIVE_ACCESS',
    'CERTIFICATION_PATHWAY',
    'CO_DESIGNED',
    'SYSTEMS_THINKING',
    'RESTORATION_PRACTICE',
    'TRADITIONAL_KNOWLEDGE',
    'ACTION_PLAN',
    'REPAIR_REUSE',
    'WASTE_VALORIZATION',
    'CIRCULAR_DESIGN',
    'OPEN_MATERIALS',
  ],
  dimensions: [
    {
      id: 'SUSTAINABILITY_METRICS',
      name: 'Sustainability metrics',
      weight: 0.2,
      criteria: [
        {
          id: 'SM-1',
          title: 'Learners measure a resource footprint',
          points: 30,
          practices: ['MEASURES_FOOTPRINT'],
          keywords: ['huella de carbono', 'huella hidrica', 'carbon footprint', 'kwh', 'co2', 'emisiones', 'consumo de energia', 'consumo de agua', 'emissions'],
          finding: 'Add a practical activity where learners measure a footprint: energy in kWh, water in m³, waste in kg or emissions in CO₂e.',
        },
        {
          id: 'SM-2',
          title: 'A baseline and a reduction target are set',
          points: 30,
          practices: ['SETS_REDUCTION_TARGETS'],
          keywords: ['linea base', 'meta de reduccion', 'baseline', 'reduction target', 'metas de ahorro'],
          finding: 'Have learners record a baseline and set a measurable reduction target for what they measured.',
        },
        {
          id: 'SM-3',
          title: 'Results are reported with recognised indicators',
          points: 20,
          practices: ['REPORTS_INDICATORS'],
          keywords: ['indicadores', 'reporte de sostenibilidad', 'sustainability report', 'objetivos de desarrollo sostenible', 'ods', 'sdg', 'gri'],
          finding: 'Ask for a short report against recognised indicators (e.g. the SDG targets the activity serves).',
        },
        {
          id: 'SM-4',
          title: 'The course keeps its own footprint low',
          points: 20,
          practices: ['LOW_IMPACT_DELIVERY'],
          keywords: ['bajo impacto', 'materiales digitales', 'low-carbon', 'low carbon', 'sin impresion'],
          finding: 'State how the course limits its own footprint: digital or reused materials, low-bandwidth delivery, shared transport to field work.',
        },
      ],
    },
    {
      id: 'COMMUNITY_IMPACT',
      name: 'Community impact',
      weight: 0.2,
      criteria: [
        {
          id: 'CI-1',
          title: 'A project with a local community or organisation',
          points: 30,
          practices: ['COMMUNITY_PROJECT'],
          keywords: ['comunidad', 'cooperativa', 'ejido', 'servicio comunitario', 'vinculacion comunitaria', 'community'],
          finding: 'Include a project carried out with a local community, cooperative or ejido, with a deliverable they keep.',
        },
        {
          id: 'CI-2',
          title: 'Access for underserved learners',
          points: 30,
          practices: ['INCLUSIVE_ACCESS'],
          keywords: ['beca', 'lengua indigena', 'accesibilidad', 'gratuito', 'sin conexion', 'scholarship', 'offline', 'accessibility'],
          finding: 'Open access for underserved learners: scholarships, Indigenous-language material, offline or low-bandwidth options, accessibility.',
        },
        {
          id: 'CI-3',
          title: 'A pathway to recognised work',
          points: 20,
          practices: ['CERTIFICATION_PATHWAY'],
          keywords: ['empleo verde', 'empleabilidad', 'green jobs', 'certificacion de competencias'],
          metByStandards: true,
          finding: 'Map the course to a CONOCER competency standard so that completing it can lead to a recognised certificate.',
        },
        {
          id: 'CI-4',
          title: 'Co-designed with the people it serves',
          points: 20,
          practices: ['CO_DESIGNED'],
          keywords: ['co-diseno', 'codiseno', 'participativo', 'co-design', 'participatory'],
          finding: 'Involve the community in the course design and say how (consultation, co-design workshops, feedback loops).',
        },
      ],
    },
    {
      id: 'REGENERATIVE_EDUCATION',
      name: 'Regenerative education',
      weight: 0.2,
      criteria: [
        {
          id: 'RE-1',
          title: 'Systems thinking',
          points: 30,
          practices: ['SYSTEMS_THINKING'],
          keywords: ['pensamiento sistemico', 'ciclo de vida', 'ecosistema', 'systems thinking', 'life cycle'],
          finding: 'Teach the activity as part of a system: its life cycle, inputs, outputs and who depends on it.',
        },
        {
          id: 'RE-2',
          title: 'Hands-on restoration or regeneration',
          points: 30,
          practices: ['RESTORATION_PRACTICE'],
          keywords: ['restauracion', 'reforestacion', 'regenerativ*', 'permacultura', 'agroecologi*', 'restoration', 'permaculture'],
          finding: 'Add a hands-on practice that leaves a place better than it was: restoration, reforestation, soil or water regeneration.',
        },
        {
          id: 'RE-3',
          title: 'Traditional and local knowledge',
          points: 20,
          practices: ['TRADITIONAL_KNOWLEDGE'],
          keywords: ['saberes', 'conocimiento tradicional', 'pueblos originarios', 'milpa', 'traditional knowledge'],
          finding: 'Bring in traditional and local knowledge relevant to the topic, credited to its holders.',
        },
        {
          id: 'RE-4',
          title: 'Learners leave with their own action plan',
          points: 20,
          practices: ['ACTION_PLAN'],
          keywords: ['plan de accion', 'propuesta de mejora', 'action plan', 'proyecto final'],
          finding: 'End with an action plan each learner applies in their workplace or community.',
        },
      ],
    },
    {
      id: 'CIRCULARITY',
      name: 'Circularity',
      weight: 0.2,
      criteria: [
        {
          id: 'CE-1',
          title: 'Repair, reuse or remanufacture',
          points: 30,
          practices: ['REPAIR_REUSE'],
          keywords: ['reparacion', 'reutiliz*', 'remanufactura', 'reuse', 'repair'],
          finding: 'Teach repair, reuse or remanufacture of the tools and products the trade uses.',
        },
        {
          id: 'CE-2',
          title: 'Waste separated and valorised',
          points: 30,
          practices: ['WASTE_VALORIZATION'],
          keywords: ['composta', 'reciclaje', 'separacion de residuos', 'valorizacion', 'compost', 'recycling'],
          finding: 'Cover how the trade’s waste is separated, composted, recycled or valorised, with a practice.',
        },
        {
          id: 'CE-3',
          title: 'Circular design',
          points: 20,
          practices: ['CIRCULAR_DESIGN'],
          keywords: ['economia circular', 'ecodiseno', 'durabilidad', 'circular economy', 'ecodesign'],
          finding: 'Introduce circular design: durability, modularity and end-of-life of what learners make or buy.',
        },
        {
          id: 'CE-4',
          title: 'Open, reusable course materials',
          points: 20,
          practices: ['OPEN_MATERIALS'],
          keywords: ['recursos educativos abiertos', 'licencia abierta', 'creative commons', 'open educational resources'],
          finding: 'Publish the course materials under an open licence (e.g. Creative Commons) so others can reuse them.',
        },
      ],
    },
  ],
  alignment: {
    weight: 0.2,
    /** Tried in order; the first that matches a standard decides its category. */
    categories: [
      {
        id: 'WATER',
        score: 100,
        titleKeywords: ['agua', 'hidric*', 'potabiliz*', 'saneamiento', 'riego'],
        committees: ['sector hidrico'],
        sectors: [],
      },
      {
        id: 'ENERGY',
        score: 100,
        titleKeywords: ['energia', 'energetic*', 'solar', 'fotovoltaic*', 'eolic*'],
        committees: ['energia renovable', 'eficiencia energetica'],
        sectors: ['GENERACIÓN, TRANSMISIÓN, DISTRIBUCIÓN Y COMERCIALIZACIÓN DE ENERGÍA ELÉCTRICA, SUMINISTRO DE AGUA Y DE GAS NATURAL POR DUCTOS AL CONSUMIDOR FINAL'],
      },
      {
        id: 'ENVIRONMENT',
        score: 100,
        titleKeywords: ['ambiental', 'medio ambiente', 'residuos', 'reciclaje', 'forestal', 'biodiversidad', 'agroecolog*', 'emisiones'],
        committees: ['ambiental', 'medio ambiente'],
        sectors: ['SERVICIOS DE APOYO A LOS NEGOCIOS Y MANEJO DE RESIDUOS, Y SERVICIOS DE REMEDIACIÓN', 'AGRICULTURA, CRÍA Y EXPLOTACIÓN DE ANIMALES, APROVECHAMIENTO FORESTAL, PESCA Y CAZA'],
      },
      {
        id: 'TRAINING',
        score: 75,
        titleKeywords: ['capacitacion', 'formacion', 'imparticion de cursos', 'docencia', 'ensenanza', 'tutoria'],
        committees: ['formacion para el trabajo'],
        sectors: ['SERVICIOS EDUCATIVOS'],
      },
      { id: 'OTHER', score: 25, titleKeywords: [], committees: [], sectors: [] },
    ],
  },
};
