import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SolarpunkDimension {
  SUSTAINABILITY_METRICS = 'SUSTAINABILITY_METRICS',
  COMMUNITY_IMPACT = 'COMMUNITY_IMPACT',
  REGENERATIVE_EDUCATION = 'REGENERATIVE_EDUCATION',
  CIRCULARITY = 'CIRCULARITY',
}
registerEnumType(SolarpunkDimension, { name: 'SolarpunkDimension' });

export enum SolarpunkLevel {
  SEEDLING = 'SEEDLING',
  SPROUTING = 'SPROUTING',
  FLOURISHING = 'FLOURISHING',
  REGENERATIVE = 'REGENERATIVE',
}
registerEnumType(SolarpunkLevel, { name: 'SolarpunkLevel', description: 'By overall score: below 40, 40–59, 60–79, 80 and above.' });

export enum FindingSeverity {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(FindingSeverity, { name: 'FindingSeverity' });

@ObjectType({ description: 'One rubric criterion and whether the course meets it.' })
export class SolarpunkCriterionResult {
  @Field() id: string;
  @Field() title: string;
  @Field(() => Int) points: number;
  @Field() met: boolean;
  @Field(() => [String], { description: 'What met it: `practice:<id>`, `keyword:<word>` found in the course text, or `standards`.' })
  @Directive('@listSize(assumedSize: 5)')
  evidence: string[];
}

@ObjectType()
export class SolarpunkDimensionScore {
  @Field(() => SolarpunkDimension) dimension: SolarpunkDimension;
  @Field() name: string;
  @Field(() => Float, { description: 'Its share of the overall score.' }) weight: number;
  @Field(() => Float, { description: '0–100: the points of the criteria met.' }) score: number;
  @Field(() => [SolarpunkCriterionResult])
  @Directive('@listSize(assumedSize: 4)')
  criteria: SolarpunkCriterionResult[];
}

@ObjectType()
export class StandardAlignment {
  @Field() standardCode: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field({ description: 'False when the code is not a current RENEC standard.' }) known: boolean;
  @Field({ description: 'WATER, ENERGY, ENVIRONMENT (100), TRAINING (75), OTHER (25) or UNKNOWN (0), from its title, committee and sector.' })
  category: string;
  @Field(() => Float) score: number;
}

@ObjectType()
export class StandardsAlignmentResult {
  @Field(() => Float) weight: number;
  @Field(() => Float, { description: 'The mean of the standards’ scores; 0 without standards.' }) score: number;
  @Field(() => [StandardAlignment])
  @Directive('@listSize(assumedSize: 20)')
  standards: StandardAlignment[];
}

@ObjectType({ description: 'Something the course author can do to score higher.' })
export class ComplianceFinding {
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field({ description: 'A SolarpunkDimension, or STANDARDS_ALIGNMENT.' }) area: string;
  @Field(() => String, { nullable: true }) criterionId: string | null;
  @Field() message: string;
}

@ObjectType({ description: 'A course scored against the solarpunk rubric (see the README’s rubric table).' })
export class SolarpunkComplianceReport {
  @Field() rubricVersion: string;
  @Field(() => Float, { description: '0–100, the weighted sum of the dimensions and the standards’ alignment.' }) overallScore: number;
  @Field(() => SolarpunkLevel) level: SolarpunkLevel;
  @Field({ description: 'Overall score 60 or more, and no dimension under 40.' }) compliant: boolean;
  @Field(() => [SolarpunkDimensionScore])
  @Directive('@listSize(assumedSize: 4)')
  dimensions: SolarpunkDimensionScore[];
  @Field(() => StandardsAlignmentResult) standardsAlignment: StandardsAlignmentResult;
  @Field(() => [ComplianceFinding], { description: 'Most severe first.' })
  @Directive('@listSize(assumedSize: 20)')
  findings: ComplianceFinding[];
}
