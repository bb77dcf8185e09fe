import * as federation from '@apollo/federation-internals';
import type { ApolloGateway, GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import { evaluateCondition, type FetchNode, type PlanNode, type QueryPlanSelectionNode, type ResponsePath } from '@apollo/query-planner';
import { GraphQLError, type GraphQLSchema, isAbstractType, isInterfaceType, isObjectType } from 'graphql';

// Read once: each access of a re-exported binding is a getter call.
const { ERRORS, errorCodeDef } = federation;

export type GatewayRequestContext = Parameters<ApolloGateway['executor']>[0];
type ProcessOptions = Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>;

/** What one run of a plan needs besides the plan. */
export interface PlanRun {
  serviceMap: ServiceMap;
  requestContext: GatewayRequestContext;
  supergraphSchema: GraphQLSchema;
  /** The operation's variable definitions, for `Condition` nodes (fetches that `@skip`/`@include` on a variable turn on or off). */
  variableDefinitions: federation.VariableDefinitions;
  /** Wraps each subgraph call (a tracing span). @default called as is */
  traceFetch?: <T>(serviceName: string, send: () => Promise<T>) => Promise<T>;
}

/** The data merged from every fetch (unshaped) and the errors of the fetches that failed. */
interface PlanResult {
  data: Record<string, unknown>;
  errors: GraphQLError[];
}

interface Cursor {
  path: ResponsePath;
  data: unknown;
  fullResult: Record<string, unknown>;
}

type Entity = Record<string, unknown>;

/**
 * Whether `executePlan` runs this plan: everything the planner produces for queries and mutations
 * except `@defer` (which `@apollo/gateway` refuses too) and fetches that rewrite their data
 * (`@interfaceObject`, `@context`), which stay with Apollo's executor.
 */
export function isPlanSupported(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Fetch':
      return !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length;
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(isPlanSupported);
    case 'Flatten':
      return isPlanSupported(node.node);
    case 'Condition':
      return (!node.ifClause || isPlanSupported(node.ifClause)) && (!node.elseClause || isPlanSupported(node.elseClause));
    default:
      return false;
  }
}

const isObject = (value: unknown): value is Entity => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges a fetch's answer into what is there, as Apollo's executor does (lists of equal length element by element). */
function deepMerge(target: Entity, source: unknown): void {
  if (!isObject(source)) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    // A key that the target only inherits (e.g. `constructor`) becomes its own.
    if (!Object.hasOwn(target, key) && key in target) Object.defineProperty(target, key, { configurable: true, enumerable: true, writable: true, value: undefined });
    const current = target[key];
    if (current && isObject(value)) deepMerge(current as Entity, value);
    else if (Array.isArray(value) && Array.isArray(current) && value.length === current.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(current[i]) && isObject(value[i])) deepMerge(current[i] as Entity, value[i]);
        else current[i] = value[i];
      }
    } else target[key] = value;
  }
}

function flattenAt(value: unknown, path: ResponsePath, from = 0): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const step = path[from];
  if (step === '@') {
    // `flatMap`'s result (one level of nesting removed), without its callback per element.
    const flat: unknown[] = [];
    for (const element of value as unknown[]) {
      const inner = flattenAt(element, path, from + 1);
      if (Array.isArray(inner)) for (const item of inner) flat.push(item);
      else flat.push(inner);
    }
    return flat;
  }
  if (typeof step !== 'string' || Array.isArray(value)) throw new Error(`Unexpected ${Array.isArray(value) ? 'array' : typeof step} at ${path.join('.')}`);
  return flattenAt(Object.hasOwn(value as object, step) ? (value as Entity)[step] : undefined, path, from + 1);
}

function isObjectOfType(schema: GraphQLSchema, object: Entity, typeCondition: string): boolean {
  const typename = object.__typename;
  if (!typename) return false;
  if (typename === typeCondition) return true;
  const type = schema.getType(typename as string);
  const condition = schema.getType(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
}

/** The entity's key (and `@requires`) fields the planner asks for; `null` when one is missing. */
function representationOf(schema: GraphQLSchema, source: unknown, selections: readonly QueryPlanSelectionNode[]): Entity | null {
  if (source === null) return null;
  const result: Entity = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = Object.hasOwn(source as object, name) ? (source as Entity)[name] : undefined;
      if (value === undefined) return null;
      const sub = selection.selections;
      if (Array.isArray(value)) result[name] = value.map((element) => (sub ? representationOf(schema, element, sub) : element));
      else result[name] = sub ? representationOf(schema, value, sub) : value;
    } else if (selection.typeCondition && source && isObjectOfType(schema, source as Entity, selection.typeCondition)) {
      deepMerge(result, representationOf(schema, source, selection.selections));
    }
  }
  return result;
}

/** Every concrete path (list indexes filled in) that `path` reaches in `data`, in order. */
function concretePaths(prefix: ResponsePath, path: ResponsePath, data: unknown, into: ResponsePath[]): void {
  if (data === null || data === undefined) return;
  const [head, ...rest] = path;
  if (head === undefined) into.push([...prefix]);
  else if (head === '@' || (typeof head === 'string' && Array.isArray(data))) {
    (data as unknown[]).forEach((element, i) => {
      concretePaths([...prefix, i], head === '@' ? rest : path, element, into);
    });
  } else if (typeof head === 'string' && Object.hasOwn(data as object, head)) {
    concretePaths([...prefix, head], rest, (data as Entity)[head], into);
  }
}

/**
 * A subgraph's error as the client sees it: its message and extensions, `serviceName` added, and its
 * path moved from the subgraph's operation (`_entities.3.price`) to the client's response.
 */
function downstreamError(error: GraphQLError, serviceName: string, pathOf: (path: readonly (string | number)[] | undefined) => ResponsePath | undefined): GraphQLError {
  const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = { originalError: error, path: pathOf(error.path), extensions: { ...error.extensions, serviceName } };
  const known = errorCodeDef(error);
  if (!known && error.extensions?.code) return new GraphQLError(message, options);
  return (known ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

function errorPaths(fetch: FetchNode, cursor: Cursor) {
  let entityPaths: ResponsePath[] | undefined;
  return (path: readonly (string | number)[] | undefined): ResponsePath | undefined => {
    if (fetch.requires && typeof path?.[1] === 'number') {
      if (!entityPaths) {
        entityPaths = [];
        concretePaths([], cursor.path, cursor.fullResult, entityPaths);
      }
      return [...(entityPaths[path[1]] ?? []), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path] : undefined;
  };
}

/**
 * Runs a query plan the way `@apollo/gateway`'s executor does (same subgraph calls in the same order,
 * same merging, same errors), without its per-node tracing objects and spans. The data it returns still
 * has to be shaped to the client's selection (`compileResponseShaper`).
 */
export async function executePlan(node: PlanNode, run: PlanRun): Promise<PlanResult> {
  const data: Entity = Object.create(null);
  const errors: GraphQLError[] = [];
  const variables = run.requestContext.request.variables;

  const send = async (fetch: FetchNode, cursor: Cursor, fetchVariables: Entity): Promise<Entity | null | undefined> => {
    const service = run.serviceMap[fetch.serviceName];
    if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
    const options: ProcessOptions = {
      kind: 'incoming operation' as ProcessOptions['kind'],
      request: { query: fetch.operation, variables: fetchVariables, operationName: fetch.operationName },
      incomingRequestContext: run.requestContext,
      context: run.requestContext.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: cursor.path,
    };
    const response = await (run.traceFetch ? run.traceFetch(fetch.serviceName, () => service.process(options)) : service.process(options));
    if (response.errors) {
      const pathOf = errorPaths(fetch, cursor);
      errors.push(...response.errors.map((error) => downstreamError(error as GraphQLError, fetch.serviceName, pathOf)));
      // Apollo Server's usage reporting reads these when a subgraph sends no federated trace.
      const metrics = run.requestContext.metrics;
      if (metrics && !response.extensions?.ftv1) {
        const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
        metrics.nonFtv1ErrorPaths = [...(metrics.nonFtv1ErrorPaths ?? []), ...paths];
      }
    }
    return response.data as Entity | null | undefined;
  };

  const fetch = async (node: FetchNode, cursor: Cursor): Promise<void> => {
    const entities = (Array.isArray(cursor.data) ? cursor.data.filter((e) => e !== null && e !== undefined) : [cursor.data]) as Entity[];
    if (entities.length === 0) return;
    const fetchVariables: Entity = Object.create(null);
    for (const name of node.variableUsages ?? []) {
      if (variables && Object.hasOwn(variables, name) && variables[name] !== undefined) fetchVariables[name] = variables[name];
    }
    if (!node.requires) {
      const received = await send(node, cursor, fetchVariables);
      for (const entity of entities) deepMerge(entity, received);
      return;
    }
    const representations: Entity[] = [];
    const owners: Entity[] = [];
    for (const entity of entities) {
      const representation = representationOf(run.supergraphSchema, entity, node.requires);
      if (representation?.__typename) {
        representations.push(representation);
        owners.push(entity);
      }
    }
    if (representations.length === 0) return;
    if ('representations' in fetchVariables) throw new Error('Variables cannot contain key "representations"');
    const received = await send(node, cursor, { ...fetchVariables, representations });
    if (!received) return;
    const answers = received._entities;
    if (!Array.isArray(answers)) throw new Error('Expected "data._entities" in response to be an array');
    if (answers.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
    answers.forEach((answer: Entity | null, i) => {
      if (answer && !answer.__typename) answer.__typename = owners[i]!.__typename;
      deepMerge(owners[i]!, answer);
    });
  };

  const execute = async (node: PlanNode, cursor: Cursor): Promise<void> => {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await execute(child, cursor);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => execute(child, cursor)));
        return;
      case 'Flatten': {
        const inner = flattenAt(cursor.data, node.path);
        if (inner) await execute(node.node, { path: [...cursor.path, ...node.path], data: inner, fullResult: cursor.fullResult });
        return;
      }
      case 'Fetch':
        try {
          await fetch(node, cursor);
        } catch (error) {
          errors.push(error as GraphQLError);
        }
        return;
      case 'Condition': {
        const branch = evaluateCondition(node, run.variableDefinitions, variables) ? node.ifClause : node.elseClause;
        if (branch) await execute(branch, cursor);
        return;
      }
      default:
        throw new Error(`${node.kind} nodes are not executed here (see isPlanSupported)`);
    }
  };

  await execute(node, { path: [], data, fullResult: data });
  return { data, errors };
}
