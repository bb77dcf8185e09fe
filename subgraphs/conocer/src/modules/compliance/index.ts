export { categoryOf, type ComplianceReport, evaluateCompliance } from './compliance.evaluator';
export { ComplianceResolver } from './compliance.resolver';
export { ComplianceService } from './compliance.service';
export { SolarpunkComplianceReport } from './compliance.type';
export { RUBRIC } from './solarpunk-rubric.data';
