import type { Logger } from '@academy/service-kit';
import { errorMessage, type ResolvedConsumeOptions, retryDelay } from '../consume-options';
import { decodeEvent } from '../domain-event';
import { HandlerTimeoutError } from '../event-bus-errors';
import type { DeadLetter, EventHandler } from '../event-bus';
import { InFlight } from '../in-flight';
import { matchesAny } from '../topic-pattern';
import { invoke, withDeadline } from '../with-deadline';
import type { Scheduler } from './scheduler';

interface Delivery {
  /** The event as JSON, parsed afresh for every attempt. */
  body: string;
  /** Failed attempts so far. */
  attempts: number;
}

export interface GroupMember {
  handler: EventHandler;
  options: ResolvedConsumeOptions;
  running: InFlight;
}

/**
 * The in-process twin of a durable RabbitMQ queue: its bindings and backlog outlive its subscribers
 * (until the bus closes), subscribers take turns (round-robin), and failures come back after a delay
 * or end as dead letters, exactly as the broker-backed group behaves.
 */
export class InProcessGroup {
  private readonly patterns = new Set<string>();
  private members: GroupMember[] = [];
  private readonly backlog: Delivery[] = [];
  private readonly dead: DeadLetter[] = [];
  private turn = 0;
  private pumpScheduled = false;

  constructor(
    readonly name: string,
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
    private readonly onDeadLetter?: (group: string, type: string) => void,
  ) {}

  join(types: string[], handler: EventHandler, options: ResolvedConsumeOptions): GroupMember {
    for (const type of types) this.patterns.add(type);
    const member = { handler, options, running: new InFlight() };
    this.members.push(member);
    this.schedulePump();
    return member;
  }

  async leave(member: GroupMember, timeoutMs: number): Promise<void> {
    this.members = this.members.filter((m) => m !== member);
    await member.running.drain(timeoutMs);
  }

  accepts(type: string): boolean {
    return matchesAny(this.patterns, type);
  }

  enqueue(body: string, attempts = 0): void {
    this.backlog.push({ body, attempts });
    this.schedulePump();
  }

  /** Deliveries waiting for a free subscriber (retries waiting out their delay are not yet back). */
  depth(): number {
    return this.backlog.length;
  }

  deadLetters(): DeadLetter[] {
    return this.dead.map((letter) => ({ ...letter, event: structuredClone(letter.event) }));
  }

  replay(): number {
    const letters = this.dead.splice(0);
    for (const letter of letters) this.enqueue(JSON.stringify(letter.event));
    return letters.length;
  }

  async drain(timeoutMs: number): Promise<void> {
    await Promise.all(this.members.map((member) => member.running.drain(timeoutMs)));
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    this.scheduler.soon(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.backlog.length > 0) {
      const member = this.nextFreeMember();
      if (!member) return;
      const delivery = this.backlog.shift()!;
      const pumpAgain = () => this.schedulePump();
      member.running.track(this.attempt(member, delivery)).then(pumpAgain, pumpAgain);
    }
  }

  /** Round-robin over subscribers with a free slot, as RabbitMQ spreads over consumers with prefetch room. */
  private nextFreeMember(): GroupMember | undefined {
    for (let i = 0; i < this.members.length; i++) {
      const member = this.members[(this.turn + i) % this.members.length];
      if (member.running.size < member.options.concurrency) {
        this.turn = (this.turn + i + 1) % this.members.length;
        return member;
      }
    }
    return undefined;
  }

  private async attempt(member: GroupMember, delivery: Delivery): Promise<void> {
    const { options } = member;
    const attempt = delivery.attempts + 1;
    try {
      await withDeadline(
        invoke(member.handler, decodeEvent(delivery.body)),
        options.handlerTimeoutMs,
        () => new HandlerTimeoutError(`handler timed out after ${options.handlerTimeoutMs} ms`),
      );
    } catch (error) {
      const event = decodeEvent(delivery.body);
      if (attempt >= options.maxAttempts) {
        this.logger.error({ err: error, group: this.name, eventId: event.id, type: event.type, attempt }, 'event dead-lettered');
        this.dead.push({ event, reason: errorMessage(error), attempts: attempt, failedAt: new Date().toISOString() });
        this.onDeadLetter?.(this.name, event.type);
        return;
      }
      const delayMs = retryDelay(attempt, options);
      this.logger.warn({ err: error, group: this.name, eventId: event.id, attempt, delayMs }, 'event handler failed; retrying');
      this.scheduler.later(() => this.enqueue(delivery.body, attempt), delayMs);
    }
  }
}
