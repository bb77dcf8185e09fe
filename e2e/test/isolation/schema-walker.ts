import { randomUUID } from 'node:crypto';
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  type ConstDirectiveNode,
  type GraphQLArgument,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  Kind,
  parse,
  print,
} from 'graphql';

/*
 * The schemas come from the services' CommonJS `graphql` while this file may get the ESM build, and
 * graphql's `isNonNullType` & co. refuse types "from another realm". So types are told apart by
 * their constructor's name, which both builds share.
 */
type AnyType = GraphQLInputType | GraphQLOutputType;
const kindOf = (type: AnyType) => type.constructor.name.replace(/^GraphQL/, '');
const isNonNullType = (type: AnyType): type is AnyType & { ofType: AnyType } => kindOf(type) === 'NonNull';
const isListType = (type: AnyType): type is AnyType & { ofType: AnyType } => kindOf(type) === 'List';
const isLeafType = (type: AnyType) => kindOf(type) === 'ScalarType' || kindOf(type) === 'EnumType';
const isObjectType = (type: AnyType): type is GraphQLObjectType => kindOf(type) === 'ObjectType';
const isEnumType = (type: AnyType): type is GraphQLEnumType => kindOf(type) === 'EnumType';
const isInputObjectType = (type: AnyType): type is GraphQLInputObjectType => kindOf(type) === 'InputObjectType';
function getNamedType(type: AnyType): AnyType & { name: string } {
  return isNonNullType(type) || isListType(type) ? getNamedType(type.ofType) : (type as AnyType & { name: string });
}

/** A request the walker sends: one operation, its variables built from the schema. */
export interface WalkRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** One id-taking entry point of a subgraph; `request` puts the value under test where the id goes. */
export interface WalkCase {
  subgraph: string;
  /** e.g. `Query.tenant(id)`, `Mutation.revokeApiKey(id)`, `_entities(Tenant.id)`. */
  label: string;
  order: number;
  request(value: string): WalkRequest;
}

/** Example values by argument or input field name, where a bare `"x"` would fail validation. */
export type Hints = Record<string, unknown>;

/** Id-like: of type ID, or named `id` or `…Id`/`…ID` (`learnerId`, `keyId`). */
export function isIdLike(name: string, type?: GraphQLInputType | GraphQLOutputType): boolean {
  return (type !== undefined && getNamedType(type).name === 'ID') || /^id$|[a-z0-9](Id|ID)$/.test(name);
}

const isRequired = (arg: { type: GraphQLInputType; defaultValue?: unknown }) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** A value the schema accepts: required input fields only, a hint where the name has one. */
export function dummyValue(type: GraphQLInputType, name: string, hints: Hints): unknown {
  if (name in hints) return hints[name];
  if (isNonNullType(type)) return dummyValue(type.ofType as GraphQLInputType, name, hints);
  if (isListType(type)) return [dummyValue(type.ofType as GraphQLInputType, name, hints)];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isRequired(f) || f.name in hints);
    return Object.fromEntries(fields.map((f) => [f.name, dummyValue(f.type, f.name, hints)]));
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  switch (getNamedType(type).name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    default:
      return /date|time/i.test(getNamedType(type).name) ? new Date().toISOString() : 'x';
  }
}

/** Every leaf to `depth` levels (fields needing arguments left out); `__typename` keeps each level non-empty. */
export function selectionOf(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) {
    const types = (named as { getTypes?: () => readonly GraphQLObjectType[] }).getTypes?.() ?? [];
    const fragments = depth > 0 ? types.map((t) => `... on ${t.name} { ${selectionOf(t, depth - 1)} }`) : [];
    return ['__typename', ...fragments].join(' ');
  }
  const fields = Object.values(named.getFields()).filter((f) => !f.args.some(isRequired));
  const parts = fields.flatMap((f) => {
    if (isLeafType(getNamedType(f.type))) return [f.name];
    return depth > 0 ? [`${f.name} { ${selectionOf(f.type, depth - 1)} }`] : [];
  });
  return ['__typename', ...parts].join(' ');
}

/** The value as the argument's type wants it: `[ID!]` gets a one-element list. */
const wrap = (type: GraphQLInputType, value: unknown) => (isListType(isNonNullType(type) ? type.ofType : type) ? [value] : value);

/** `field(args)` with every argument a variable: the target gets the value, other required ones a dummy. */
export function fieldRequest(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, hints: Hints, target?: GraphQLArgument) {
  const fixed = new Map(field.args.filter((a) => a !== target && (isRequired(a) || a.name in hints)).map((a) => [a, dummyValue(a.type, a.name, hints)]));
  return (value?: string): WalkRequest => {
    const args = field.args.filter((a) => a === target || fixed.has(a));
    const variables = Object.fromEntries(args.map((a) => [a.name, a === target ? wrap(a.type, value) : fixed.get(a)]));
    const params = args.map((a) => `$${a.name}: ${a.type}`).join(', ');
    const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const query = `${operation}${params ? `(${params})` : ''} { ${field.name}${call ? `(${call})` : ''} ${isLeafType(getNamedType(field.type)) ? '' : `{ ${selectionOf(field.type)} }`} }`;
    return { query, variables };
  };
}

/** The root fields of a kind, federation's own (`_service`, `_entities`) left out. */
export function rootFields(schema: GraphQLSchema, kind: 'Query' | 'Mutation') {
  const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(root?.getFields() ?? {}).filter((f) => !f.name.startsWith('_'));
}

/** The resolvable `@key`s as printed by `_service { sdl }`: [type, its key field names]. */
export function resolvableKeys(schema: GraphQLSchema): [string, string][] {
  const keys: [string, string][] = [];
  for (const definition of parse(printSubgraphSchema(schema)).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key' || argumentOf(directive, 'resolvable') === 'false') continue;
      keys.push([definition.name.value, JSON.parse(argumentOf(directive, 'fields')!) as string]);
    }
  }
  return keys;
}

function argumentOf(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? print(arg.value) : undefined;
}

/**
 * Every entry point of a subgraph that takes an id: each id-like argument of each Query and
 * Mutation field, and `_entities` for each resolvable key. Keys with nested selections (`a { b }`)
 * throw, so a new kind of key is taught to the walker or listed, never skipped silently.
 */
export function walkSchema(subgraph: string, schema: GraphQLSchema, hints: Hints): WalkCase[] {
  const cases: WalkCase[] = [];
  // Queries first, mutations last: a leaking mutation then cannot hide a leak from a later query.
  for (const [order, kind] of [[0, 'Query'], [2, 'Mutation']] as const) {
    for (const field of rootFields(schema, kind)) {
      for (const arg of field.args.filter((a) => isIdLike(a.name, a.type))) {
        const build = fieldRequest(kind === 'Query' ? 'query' : 'mutation', field, hints, arg);
        cases.push({ subgraph, label: `${kind}.${field.name}(${arg.name})`, order, request: (value) => build(value) });
      }
    }
  }
  for (const [typeName, fields] of resolvableKeys(schema)) {
    if (/[{}]/.test(fields)) throw new Error(`${subgraph}: the walker cannot build a representation for @key(fields: "${fields}") on ${typeName}`);
    const type = schema.getType(typeName) as GraphQLObjectType;
    const names = fields.trim().split(/\s+/);
    const targets = names.filter((n) => isIdLike(n, type.getFields()[n]!.type));
    for (const target of targets.length ? targets : names) {
      const others = Object.fromEntries(names.filter((n) => n !== target).map((n) => [n, dummyValue(type.getFields()[n]!.type as GraphQLInputType, n, hints)]));
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${typeName} { ${selectionOf(type)} } } }`;
      cases.push({ subgraph, label: `_entities(${typeName}.${target})`, order: 1, request: (value) => ({ query, variables: { r: [{ __typename: typeName, ...others, [target]: value }] } }) });
    }
  }
  return cases;
}
