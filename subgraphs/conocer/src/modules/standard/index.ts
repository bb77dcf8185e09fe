export { CompetencyStandardEntity } from './standard.entity';
export { importStandardCatalog } from './standard.import';
export { CompetencyStandardFilter } from './standard.input';
export { type ConocerLoaders, createConocerLoaders } from './standard.loader';
export { standardReference } from './standard.reference';
export { StandardResolver } from './standard.resolver';
export { normalizeStandardCode, StandardService } from './standard.service';
export { CompetencyStandard, CompetencyStandardConnection, Sector } from './standard.type';
