export { CertificationStatus } from './certification-status';
export { CertificationUpdate } from './certification-update.type';
export { CERTIFICATION_UPDATED, LIVE_EVENT_TYPES, PROGRESS_RECORDED, type ProgressRecordedPayload } from './live-events';
export { LiveResolver } from './live.resolver';
export { LivePublisher } from './live-publisher';
