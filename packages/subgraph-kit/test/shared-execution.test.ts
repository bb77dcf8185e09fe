import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInProcessEventBus, newEvent } from '@academy/event-bus';
import { createContextTokenVerifier, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { signContextToken, type SubgraphSubscriber, subscribeToSubgraph } from '@academy/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { buildFederatedSchema, createLiveFeed, type ExecutionKey, type LiveFeed } from '../src';
import { createSubscriptionServer } from '../src/subscription-server';

interface TickContext {
  principal: Principal;
  requestId: string;
  feed: LiveFeed;
}

@ObjectType('Tick')
class Tick {
  @Field(() => Int) n: number;
}

/** Calls of `Tick.seenAs`: one per execution of an event, so they count executions from inside the schema. */
let resolutions = 0;

@Resolver(() => Tick)
class TickResolver {
  @Query(() => Int)
  now(): number {
    return Date.now();
  }

  @Subscription(() => Tick, { subscribe: ({ context }: { context: TickContext }) => context.feed.subscribe((event) => event.payload as Tick) })
  ticks(@Root() tick: Tick): Tick {
    return tick;
  }

  @Subscription(() => Tick, {
    subscribe: async function* () {
      yield { n: 1 };
      throw new Error('the source broke');
    },
  })
  brokenTicks(@Root() tick: Tick): Tick {
    return tick;
  }

  @Subscription(() => Tick, {
    subscribe: async function* () {
      yield { n: 1 };
      yield { n: 2 };
    },
  })
  finiteTicks(@Root() tick: Tick): Tick {
    return tick;
  }

  @FieldResolver(() => String, { description: "The caller's roles; refused to suspended callers." })
  seenAs(@Root() _tick: Tick, @Ctx() { principal }: TickContext): string {
    resolutions += 1;
    if (principal.roles.includes('suspended')) throw new Error('suspended callers see no ticks');
    return principal.roles.join(',');
  }
}

const TICKS = 'subscription { ticks { n seenAs } }';
/** The key the tests' service declares: its only resolver reads the roles; the tenant always belongs in a key. */
const byTenantAndRoles: ExecutionKey<TickContext> = ({ principal }) => JSON.stringify([principal.tenantId, principal.roles]);

const logger = createLogger({ service: 'shared-execution-test', level: 'silent' });

async function startTicks(executionKey?: ExecutionKey<TickContext>) {
  const keys = await generateContextKeyPair();
  const bus = createInProcessEventBus();
  const feed = createLiveFeed({ bus, types: ['tick'], logger });
  await feed.start();
  const schema = await buildFederatedSchema({ resolvers: [TickResolver], federationImports: ['@key'] });
  const server = createServer();
  const subscriptions = createSubscriptionServer<TickContext>({
    server,
    path: '/graphql',
    schema,
    verifier: await createContextTokenVerifier({ publicKey: keys.publicKey }, 'kit'),
    context: (principal, requestId) => ({ principal, requestId, feed }),
    logger,
    executionKey,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const subscribers: SubgraphSubscriber[] = [];
  return {
    feed,
    subscriptions,
    /** Subscribes one subscriber per principal and waits until all are listening on the feed. */
    async subscribe(principals: Partial<Principal>[], query = TICKS): Promise<SubgraphSubscriber[]> {
      const opened = await Promise.all(principals.map(async (principal) => subscribeToSubgraph(url, await signContextToken(keys, 'kit', { tenantId: 't1', ...principal }), query)));
      subscribers.push(...opened);
      if (query === TICKS) await vi.waitFor(() => expect(feed.subscribers()).toBe(subscribers.length));
      return opened;
    },
    publish: (n: number, tenantId = 't1') => bus.publish(newEvent('tick', tenantId, { n })),
    async close() {
      await Promise.all(subscribers.map((subscriber) => subscriber.close()));
      await subscriptions.close();
      await new Promise((resolve) => server.close(resolve));
      await feed.close();
      await bus.close();
    },
  };
}

const viewers = (count: number, roles = ['viewer']) => Array.from({ length: count }, (_, index) => ({ subject: `${roles[0]}-${index}`, roles }));

describe('shared execution of subscription events', () => {
  let ticks: Awaited<ReturnType<typeof startTicks>>;
  afterEach(async () => ticks?.close());

  it('executes an event once for all subscribers whose keys are equal, whoever they are', async () => {
    ticks = await startTicks(byTenantAndRoles);
    const subscribers = await ticks.subscribe(viewers(6));
    resolutions = 0;
    const executionsBefore = ticks.subscriptions.executions();
    for (const n of [1, 2, 3]) await ticks.publish(n);
    for (const subscriber of subscribers) {
      const results = await subscriber.received(3);
      expect(results).toEqual([1, 2, 3].map((n) => ({ data: { ticks: { n, seenAs: 'viewer' } } })));
    }
    // Unshared, it would be 6 per event.
    expect(resolutions).toBe(3);
    expect(ticks.subscriptions.executions() - executionsBefore).toBe(3);
  });

  it('executes separately for subscribers whose contexts differ in what the key includes', async () => {
    ticks = await startTicks(byTenantAndRoles);
    const [viewer, editor, otherTenant] = await Promise.all([
      ticks.subscribe(viewers(3)),
      ticks.subscribe(viewers(3, ['editor'])),
      ticks.subscribe(viewers(2).map((principal) => ({ ...principal, tenantId: 't2' }))),
    ]);
    resolutions = 0;
    await ticks.publish(7);
    for (const subscriber of viewer) expect(await subscriber.received(1)).toEqual([{ data: { ticks: { n: 7, seenAs: 'viewer' } } }]);
    for (const subscriber of editor) expect(await subscriber.received(1)).toEqual([{ data: { ticks: { n: 7, seenAs: 'editor' } } }]);
    // The feed in this test does not filter by tenant, so the other tenant receives the event too, executed apart.
    for (const subscriber of otherTenant) expect(await subscriber.received(1)).toEqual([{ data: { ticks: { n: 7, seenAs: 'viewer' } } }]);
    expect(resolutions).toBe(3);
  });

  it('without a key executes every event per subscription, as graphql-js does', async () => {
    ticks = await startTicks();
    const subscribers = await ticks.subscribe(viewers(4));
    resolutions = 0;
    await ticks.publish(1);
    await ticks.publish(2);
    for (const subscriber of subscribers) expect((await subscriber.received(2)).map((result) => result.data)).toEqual([{ ticks: { n: 1, seenAs: 'viewer' } }, { ticks: { n: 2, seenAs: 'viewer' } }]);
    expect(resolutions).toBe(8);
  });

  it('delivers an execution error only to the subscribers whose execution failed', async () => {
    ticks = await startTicks(byTenantAndRoles);
    const [fine, suspended] = await Promise.all([ticks.subscribe(viewers(3)), ticks.subscribe(viewers(2, ['suspended']))]);
    resolutions = 0;
    await ticks.publish(1);
    for (const subscriber of fine) expect(await subscriber.received(1)).toEqual([{ data: { ticks: { n: 1, seenAs: 'viewer' } } }]);
    for (const subscriber of suspended) {
      const [result] = await subscriber.received(1);
      expect(result.data).toBeNull();
      expect(result.errors).toMatchObject([{ message: 'suspended callers see no ticks', path: ['ticks', 'seenAs'] }]);
    }
    expect(resolutions).toBe(2);
    // A failed execution does not end anyone's subscription.
    await ticks.publish(2);
    for (const subscriber of [...fine, ...suspended]) await subscriber.received(2);
  });

  it("keeps graphql-js semantics for the source stream: its error reaches the subscriber, its end completes", async () => {
    ticks = await startTicks(byTenantAndRoles);
    const [broken] = await ticks.subscribe([{ subject: 'a', roles: ['viewer'] }], 'subscription { brokenTicks { n seenAs } }');
    expect(await broken.ended).toMatchObject({ error: [{ message: 'the source broke' }] });
    expect(broken.results).toEqual([{ data: { brokenTicks: { n: 1, seenAs: 'viewer' } } }]);
    const [finite] = await ticks.subscribe([{ subject: 'b', roles: ['viewer'] }], 'subscription { finiteTicks { n } }');
    expect(await finite.ended).toEqual({});
    expect(finite.results).toEqual([{ data: { finiteTicks: { n: 1 } } }, { data: { finiteTicks: { n: 2 } } }]);
  });

  it('leaves no listener behind when subscribers disconnect mid-stream', async () => {
    ticks = await startTicks(byTenantAndRoles);
    const subscribers = await ticks.subscribe(viewers(5));
    await ticks.publish(1);
    for (const subscriber of subscribers) await subscriber.received(1);
    await Promise.all(subscribers.slice(0, 2).map((subscriber) => subscriber.close()));
    await vi.waitFor(() => expect(ticks.feed.subscribers()).toBe(3));
    await ticks.publish(2);
    for (const subscriber of subscribers.slice(2)) expect((await subscriber.received(2)).map((result) => result.data)).toEqual([1, 2].map((n) => ({ ticks: { n, seenAs: 'viewer' } })));
    expect(subscribers[0].results).toHaveLength(1);
    await Promise.all(subscribers.slice(2).map((subscriber) => subscriber.close()));
    await vi.waitFor(() => expect([ticks.feed.subscribers(), ticks.subscriptions.connections()]).toEqual([0, 0]));
  });
});
