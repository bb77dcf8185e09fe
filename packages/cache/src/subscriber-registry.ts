import type { Logger } from '@academy/service-kit';
import type { MessageHandler } from './key-value-store';

/**
 * Handlers per channel, shared by both stores. A throwing handler is logged and isolated, so one
 * bad subscriber neither silences the others nor breaks the connection that delivered the message.
 */
export class SubscriberRegistry {
  private readonly handlers = new Map<string, Set<MessageHandler>>();

  constructor(private readonly logger: Logger | undefined) {}

  /** Returns true when this is the channel's first handler (the caller subscribes upstream). */
  add(channel: string, handler: MessageHandler): boolean {
    const existing = this.handlers.get(channel);
    if (existing) {
      existing.add(handler);
      return false;
    }
    this.handlers.set(channel, new Set([handler]));
    return true;
  }

  /** Returns true when the channel has no handlers left (the caller unsubscribes upstream). */
  remove(channel: string, handler: MessageHandler): boolean {
    const existing = this.handlers.get(channel);
    if (!existing?.delete(handler)) return false;
    if (existing.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  has(channel: string): boolean {
    return this.handlers.has(channel);
  }

  dispatch(channel: string, message: string): void {
    // Copy first: a handler may unsubscribe itself while we iterate.
    for (const handler of [...(this.handlers.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        this.logger?.error({ err: error, channel }, 'pub/sub handler failed');
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
