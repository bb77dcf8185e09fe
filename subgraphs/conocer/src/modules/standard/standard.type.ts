import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A CONOCER competency standard (Estándar de Competencia) from the national registry, RENEC.' })
@Directive('@key(fields: "code")')
export class CompetencyStandard {
  @Field({ description: '`EC` + 4 digits, optionally a `.NN` version, e.g. `EC0217.01`.' }) code: string;
  @Field({ description: 'Spanish, as published by CONOCER.' }) title: string;
  @Field(() => Int, { description: 'Competency level, 1 (routine tasks) to 5 (strategic, highly complex).' }) level: number;
  @Field(() => String, { nullable: true, description: 'Productive sector; a few standards have none.' }) sector: string | null;
  @Field({ description: 'The sector committee that developed the standard.' }) committee: string;
  @Field({ description: 'Withdrawn from RENEC: still resolvable by code (certifications name it), no longer listed by `competencyStandards`.' }) retired: boolean;
}

export const CompetencyStandardConnection = ConnectionType(CompetencyStandard);
export type CompetencyStandardConnection = InstanceType<typeof CompetencyStandardConnection>;

@ObjectType({ description: 'A productive sector of the catalog; its `name` is what `CompetencyStandardFilter.sector` takes.' })
export class Sector {
  @Field() name: string;
  @Field(() => Int, { description: 'Current (not retired) standards in the sector.' }) standardCount: number;
}
