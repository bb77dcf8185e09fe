import { type DomainEvent, newEvent } from '@academy/event-bus';
import type { NotificationEntity, NotificationKind } from './notification.entity';

export const NOTIFICATION_CREATED = 'notification.created';

/** What delivery channels (e-mail, push) consume; the learner reads the same text in `myNotifications`. */
export interface NotificationCreatedPayload {
  notificationId: string;
  learnerId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  certificationId: string | null;
  /** ISO 8601. */
  createdAt: string;
}

export function notificationCreated(row: NotificationEntity): DomainEvent<NotificationCreatedPayload> {
  return newEvent(NOTIFICATION_CREATED, row.tenantId, {
    notificationId: row.id,
    learnerId: row.learnerId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    certificationId: row.certificationId,
    createdAt: row.createdAt.toISOString(),
  });
}
