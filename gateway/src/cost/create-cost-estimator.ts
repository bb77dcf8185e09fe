import { createHash } from 'node:crypto';
import { type DocumentNode, type FieldNode, type GraphQLError, type GraphQLSchema, print } from 'graphql';
import { fragmentsOf, selectOperation, type Variables, withVariableDefaults } from './cost-context';
import type { CostDirectives } from './cost-directives';
import { slicingArgumentError } from './cost-errors';
import { CostIndex } from './cost-index';
import { costVariables } from './cost-variables';
import { CostWalker } from './cost-walker';
import { LruCache } from './lru-cache';

export interface CostEstimatorOptions {
  /** List size assumed for list fields without `@listSize` (Apollo's `static_estimated.list_size`). @default 10 */
  defaultListSize?: number;
  /** Estimates kept, by document, operation and cost-relevant variables. @default 1000 */
  cacheSize?: number;
}

export interface CostEstimate {
  cost: number;
  /** `SLICING_ARGUMENT_REQUIRED` errors; the cost is still computed (with `assumedSize` or the default) so it can be logged. */
  errors?: readonly GraphQLError[];
}

export interface CostEstimator {
  /**
   * The estimated cost of the operation the request executes. `document` must have passed validation
   * (Apollo's `didResolveOperation` is the place). `documentKey` identifies the document text, e.g.
   * Apollo's `requestContext.queryHash`; without it the document is hashed once per DocumentNode.
   */
  estimate(document: DocumentNode, variables?: Variables | null, operationName?: string | null, documentKey?: string): CostEstimate;
  /** The list size assumed where no `@listSize` gives one (for logs and diagnostics). */
  readonly defaultListSize: number;
  /** Cache counters since creation, for metrics. */
  stats(): { hits: number; misses: number; entries: number };
}

interface SlicingViolation {
  field: string;
  slicingArguments: readonly string[];
  found: number;
}

/** What is cached: plain data. Error objects are built per request, since Apollo may decorate them. */
interface CachedEstimate {
  cost: number;
  violations: readonly SlicingViolation[];
}

/** Never sent by a client: separates "variable absent" (its default applies) from an explicit null in cache keys. */
const ABSENT = '\u0000absent';

export function createCostEstimator(schema: GraphQLSchema, directives: CostDirectives, options: CostEstimatorOptions = {}): CostEstimator {
  const { defaultListSize = 10, cacheSize = 1000 } = options;
  if (!Number.isInteger(defaultListSize) || defaultListSize < 0) throw new RangeError(`defaultListSize must be a non-negative integer, got ${defaultListSize}`);
  const index = new CostIndex(schema, directives);
  const estimates = new LruCache<string, CachedEstimate>(cacheSize);
  // Per document and operation: which variables the estimate depends on (found by one scan).
  const relevantVariables = new LruCache<string, readonly string[]>(cacheSize);
  const documentKeys = new WeakMap<DocumentNode, string>();
  let hits = 0;
  let misses = 0;

  const keyOf = (document: DocumentNode): string => {
    let key = documentKeys.get(document);
    if (key === undefined) {
      // The source text when the parser kept it (Apollo's does): cheaper than printing the AST.
      key = createHash('sha256').update(document.loc?.source.body ?? print(document)).digest('base64url');
      documentKeys.set(document, key);
    }
    return key;
  };

  const compute = (document: DocumentNode, variables: Variables | null | undefined, operationName: string | null | undefined): CachedEstimate => {
    const operation = selectOperation(document.definitions, operationName);
    if (!operation) return { cost: 0, violations: [] };
    const violations = new Map<FieldNode, SlicingViolation>();
    const ctx = { schema, directives, fragments: fragmentsOf(document.definitions), variables: withVariableDefaults(operation, variables), defaultListSize };
    const walker = new CostWalker(index, ctx, false, (node, field, slicingArguments, found) => {
      // An abstract selection is walked once per possible type; one error per field node is enough.
      if (!violations.has(node)) violations.set(node, { field, slicingArguments, found });
    });
    return { cost: walker.operation(operation), violations: [...violations.values()] };
  };
  const toEstimate = ({ cost, violations }: CachedEstimate): CostEstimate =>
    violations.length === 0 ? { cost } : { cost, errors: violations.map((v) => slicingArgumentError(v.field, v.slicingArguments, v.found)) };

  return {
    defaultListSize,
    stats: () => ({ hits, misses, entries: estimates.size }),
    estimate(document, variables, operationName, documentKey) {
      const operationKey = `${documentKey ?? keyOf(document)}\u0000${operationName ?? ''}`;
      let names = relevantVariables.get(operationKey);
      if (names === undefined) {
        const operation = selectOperation(document.definitions, operationName);
        names = operation ? costVariables(index, operation, fragmentsOf(document.definitions)) : [];
        relevantVariables.set(operationKey, names);
      }
      const key = names.length === 0 ? operationKey : `${operationKey}\u0000${JSON.stringify(names.map((name) => variables?.[name] ?? (variables && name in variables ? null : ABSENT)))}`;
      let cached = estimates.get(key);
      if (cached) hits += 1;
      else {
        misses += 1;
        cached = compute(document, variables, operationName);
        estimates.set(key, cached);
      }
      return toEstimate(cached);
    },
  };
}
