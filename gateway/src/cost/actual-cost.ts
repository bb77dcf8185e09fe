import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fragmentsOf, selectOperation, type Variables, withVariableDefaults } from './cost-context';
import type { CostDirectives } from './cost-directives';
import { CostIndex } from './cost-index';
import { CostWalker } from './cost-walker';

const indexes = new WeakMap<GraphQLSchema, WeakMap<CostDirectives, CostIndex>>();

/** One index per (schema, directives): building it walks every type, which a per-response call should not repeat. */
function indexFor(schema: GraphQLSchema, directives: CostDirectives): CostIndex {
  let bySchema = indexes.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    indexes.set(schema, bySchema);
  }
  let index = bySchema.get(directives);
  if (!index) {
    index = new CostIndex(schema, directives);
    bySchema.set(directives, index);
  }
  return index;
}

interface Computed {
  schema: GraphQLSchema;
  directives: CostDirectives;
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: string;
  cost: number;
}

/**
 * The last cost computed for a response's `data`. In-flight deduplication hands every waiting
 * request the same `data` object, and walking tens of kilobytes once per waiter would cost more than
 * the deduplicated execution saved; a different document, operation, variables or schema recomputes.
 */
const computed = new WeakMap<object, Computed>();

/**
 * The cost the operation turned out to have: the estimate's rules, with every list counted at the
 * length the response has (nulls count as no object). Used after execution to refund the budget by
 * estimate − actual, as Shopify does. `responseData` is the response's `data` (null when nothing ran).
 */
export function actualCost(
  schema: GraphQLSchema,
  directives: CostDirectives,
  document: DocumentNode,
  variables: Variables | null | undefined,
  responseData: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number {
  const operation = selectOperation(document.definitions, operationName);
  // No data: the operation failed before execution, so nothing was spent.
  if (!operation || responseData == null) return 0;
  const variablesKey = JSON.stringify(variables ?? null);
  const previous = computed.get(responseData);
  if (
    previous &&
    previous.schema === schema &&
    previous.directives === directives &&
    previous.document === document &&
    previous.operationName === operationName &&
    previous.variables === variablesKey
  ) {
    return previous.cost;
  }
  const ctx = { schema, directives, fragments: fragmentsOf(document.definitions), variables: withVariableDefaults(operation, variables), defaultListSize: 0 };
  const cost = new CostWalker(indexFor(schema, directives), ctx, true).operation(operation, responseData);
  computed.set(responseData, { schema, directives, document, operationName, variables: variablesKey, cost });
  return cost;
}
