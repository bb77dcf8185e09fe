import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import { NotificationEntity } from './notification.entity';
import type { Notification, NotificationKind } from './notification.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toNotification(row: NotificationEntity): Notification {
  const { id, kind, title, body, certificationId, createdAt, readAt } = row;
  return { id, kind: kind as NotificationKind, title, body, certificationId, createdAt, readAt };
}

/** The caller's own notifications: a learner's `principal.subject` is their learner id. */
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  private learnerId(): string {
    if (this.principal.subject === null) throw new AppError('UNAUTHENTICATED', 'Notifications belong to a signed-in learner');
    return this.principal.subject;
  }

  async mine(first: number, after: string | null | undefined, unreadOnly: boolean): Promise<Connection<Notification>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const where = { learnerId: this.learnerId(), ...(unreadOnly && { readAt: null }) };
    const [rows, total] = await this.em.findAndCount(NotificationEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    return toConnection(rows.map(toNotification), offset, total);
  }

  /** Idempotent; someone else's notification is NOT_FOUND like a missing one. */
  async markRead(id: string): Promise<Notification> {
    const row = UUID.test(id) ? await this.em.findOne(NotificationEntity, { id, learnerId: this.learnerId() }) : null;
    if (!row) throw new AppError('NOT_FOUND', `No notification with id ${id}`);
    if (!row.readAt) {
      row.readAt = new Date();
      await this.em.flush();
    }
    return toNotification(row);
  }
}
