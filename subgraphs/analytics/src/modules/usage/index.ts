export {
  API_OPERATION_RECORDED,
  API_USAGE_CONSUMER_GROUP,
  type ApiOperationRecord,
  type ApiOperationRecordedPayload,
  apiRequestId,
  apiRequestRowsOf,
  MAX_RECORDS_PER_EVENT,
} from './api-operation-recorded.event';
export { ApiRequestEntity, type OperationType, type PrincipalKind, type RequestStatus } from './api-request.entity';
export { ApiRequestRepository, type DailyUsageRow } from './api-request.repository';
export { apiUsageHandler, MalformedUsageEventError } from './api-usage.consumer';
export { ApiUsageResolver } from './api-usage.resolver';
export { type ApiUsageQuery, ApiUsageService, MAX_USAGE_RANGE_DAYS } from './api-usage.service';
export { ApiUsageDay } from './api-usage-day.type';
