import type { ComplianceReport } from './compliance.evaluator';
import type { FindingSeverity, SolarpunkComplianceReport, SolarpunkDimension, SolarpunkLevel } from './compliance.type';

/** The evaluator's report as the schema shows it (its enums have the same values). */
export function toComplianceReport(report: ComplianceReport): SolarpunkComplianceReport {
  return {
    rubricVersion: report.rubricVersion,
    overallScore: report.overallScore,
    level: report.level as SolarpunkLevel,
    compliant: report.compliant,
    dimensions: report.dimensions.map((dimension) => ({ ...dimension, dimension: dimension.dimension as SolarpunkDimension })),
    standardsAlignment: report.alignment,
    findings: report.findings.map((finding) => ({ ...finding, severity: finding.severity as FindingSeverity })),
  };
}
