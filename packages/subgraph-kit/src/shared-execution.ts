import { createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, execute, print } from 'graphql';
import { mapEventStream } from './map-event-stream';

/**
 * Everything in an operation's context that executing a subscription event may depend on, as a string;
 * null when the context shares with nobody. The service decides, since only it knows what its resolvers
 * and authorization rules read: two subscriptions whose keys are equal must get identical results for
 * the same event.
 */
export type ExecutionKey<TContext> = (context: TContext) => string | null;

export interface SharedSubscribe {
  /** graphql-js `subscribe`, but each event is executed once per group of equivalent subscriptions. */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** Events executed since start; without sharing, one per event and subscription. */
  executions(): number;
}

type Execution = ReturnType<typeof execute>;

/** graphql-ws parses each subscription's query anew, so documents are compared by their text. */
const documentTexts = new WeakMap<DocumentNode, string>();
function textOf(document: DocumentNode): string {
  let text = documentTexts.get(document);
  if (text === undefined) {
    text = document.loc?.source.body ?? print(document);
    documentTexts.set(document, text);
  }
  return text;
}

/**
 * The subscription's source stream (the subscribe resolver, the authorization rules on it) is made per
 * subscription, as graphql-js does; what differs is the mapping of each source event through `execute`.
 * Subscriptions with the same document, operation name, variables and context key form a group, and the
 * first of a group to receive an event value executes it; the others of the group are handed that result
 * (the same object, which nobody mutates: graphql-ws only serialises it). The results are kept in a
 * WeakMap on the event value, so they go when the last subscriber's buffer lets go of the event, and
 * memory does not grow with events. Sharing needs the feed to hand every subscriber the same value
 * object for an event; a primitive value, or a null key, is executed per subscription.
 */
export function createSharedSubscribe<TContext>(executionKey: ExecutionKey<TContext>): SharedSubscribe {
  const results = new WeakMap<object, Map<string, Execution>>();
  let executions = 0;

  const run = (args: ExecutionArgs, payload: unknown): Execution => {
    executions += 1;
    return execute({ ...args, rootValue: payload });
  };

  const shared = (group: string, args: ExecutionArgs, payload: unknown): Execution => {
    if (typeof payload !== 'object' || payload === null) return run(args, payload);
    let byGroup = results.get(payload);
    if (!byGroup) {
      byGroup = new Map();
      results.set(payload, byGroup);
    }
    let result = byGroup.get(group);
    if (result === undefined) {
      result = run(args, payload);
      byGroup.set(group, result);
    }
    return result;
  };

  return {
    async subscribe(args) {
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source;
      const key = executionKey(args.contextValue as TContext);
      if (key === null) return mapEventStream(source, (payload) => run(args, payload));
      // Fixed for the subscription's life, so built once, not per event.
      const group = JSON.stringify([textOf(args.document), args.operationName ?? null, args.variableValues ?? null, key]);
      return mapEventStream(source, (payload) => shared(group, args, payload));
    },
    executions: () => executions,
  };
}
