export { CertificationStatus } from './certification-status';
export { CertificationUpdate } from './certification-update.type';
export { CERTIFICATION_UPDATED, certificationUpdatedPayload, ENGAGEMENT_RECORDED, LIVE_EVENT_TYPES, PROGRESS_RECORDED, type ProgressRecordedPayload } from './live-events';
export { liveExecutionKey } from './live-execution-key';
export { LiveResolver } from './live.resolver';
export { liveShareKey } from './live-share-key';
export { LiveShareKeyResolver } from './live-share-key.resolver';
export { LivePublisher } from './live-publisher';
