import type { EntityManager } from '@mikro-orm/core';
import { enqueueEvent } from '../outbox';
import { NotificationEntity, type NotificationKind } from './notification.entity';
import { notificationCreated } from './notification-events';

export interface NewNotification {
  tenantId: string;
  learnerId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  certificationId?: string | null;
}

/** Stores the notification and queues `notification.created` in the caller's transaction. */
export function recordNotification(tx: EntityManager, notification: NewNotification): NotificationEntity {
  const row = tx.create(NotificationEntity, { ...notification, certificationId: notification.certificationId ?? null });
  enqueueEvent(tx, notificationCreated(row));
  return row;
}
