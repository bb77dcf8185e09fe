import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { conocerRules } from './authorization';
import { CertificationEntity, CertificationResolver, certificationReference, Learner, LearnerResolver, learnerReference } from './modules/certification';
import { ComplianceResolver } from './modules/compliance';
import { CourseCompletionEntity } from './modules/completion';
import { NotificationEntity, NotificationResolver } from './modules/notification';
import { OutboxMessageEntity } from './modules/outbox';
import { LearnerDataExport, LearnerDataResolver, learnerDataExportReference } from './modules/privacy';
import { BlockedLearnerEntity, LearnerProfileEntity } from './modules/profile';
import { CertificationProgramEntity, CertificationProgramResolver } from './modules/program';
import { SagaEntity } from './modules/saga';
import { CompetencyStandardEntity, StandardResolver, standardReference } from './modules/standard';
import { SubmissionAdminResolver } from './modules/submission';
import { IntegrationMetrics, IntegrationMetricsResolver, integrationMetricsReference, StandardsSyncJobEntity, SyncResolver } from './modules/sync';
import { VerificationResolver } from './modules/verification';

export const conocerEntities = [
  CompetencyStandardEntity,
  CertificationEntity,
  SagaEntity,
  OutboxMessageEntity,
  CourseCompletionEntity,
  LearnerProfileEntity,
  NotificationEntity,
  CertificationProgramEntity,
  StandardsSyncJobEntity,
  BlockedLearnerEntity,
];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is part of the schema, so no caller gets it without. */
export async function buildConocerSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [
      StandardResolver,
      SyncResolver,
      IntegrationMetricsResolver,
      CertificationResolver,
      LearnerResolver,
      NotificationResolver,
      CertificationProgramResolver,
      SubmissionAdminResolver,
      VerificationResolver,
      ComplianceResolver,
      LearnerDataResolver,
    ],
    // No field here returns a Learner, IntegrationMetrics or LearnerDataExport; the gateway reaches them only through `_entities`.
    orphanedTypes: [Learner, IntegrationMetrics, LearnerDataExport],
    federationImports: ['@key', '@shareable', '@cost', '@listSize'],
    referenceResolvers: { ...standardReference, ...certificationReference, ...learnerReference, ...integrationMetricsReference, ...learnerDataExportReference },
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, conocerRules);
}
