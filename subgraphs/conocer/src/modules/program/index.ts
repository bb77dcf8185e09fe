export { CertificationProgramEntity } from './certification-program.entity';
export { CertificationProgramResolver } from './certification-program.resolver';
export { CertificationProgramService, type ProgramChecks } from './certification-program.service';
export { CertificationProgram } from './certification-program.type';
