export { NotificationEntity } from './notification.entity';
export { NOTIFICATION_CREATED, type NotificationCreatedPayload } from './notification-events';
export { NotificationResolver } from './notification.resolver';
export { NotificationService, toNotification } from './notification.service';
export { Notification, NotificationConnection, NotificationKind } from './notification.type';
export { type NewNotification, recordNotification } from './notification.writer';
