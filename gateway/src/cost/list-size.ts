import {
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  valueFromASTUntyped,
} from 'graphql';
import type { Variables } from './cost-context';
import type { ListSize } from './cost-directives';

export interface ResolvedListSize {
  /** Undefined when the directive gives no size: the configured default list size applies. */
  size?: number;
  /** Set when `requireOneSlicingArgument` is violated: how many slicing arguments had a value. */
  slicingArgumentsFound?: number;
}

/** An Int is a size; a list value (e.g. `ids: [...]`) sizes the result by its length, as in Apollo. */
function toSize(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' && Number.isInteger(value) ? Math.max(0, value) : undefined;
}

/**
 * The value a slicing path resolves to: the argument (literal or variable) or, where the request
 * leaves it out or sends null, the schema default of the argument or of the input field on the way.
 */
function slicingValue(field: GraphQLField<unknown, unknown>, node: FieldNode, path: string, variables: Variables): unknown {
  const [argumentName, ...rest] = path.split('.');
  const definition = field.args.find((argument) => argument.name === argumentName);
  if (!definition) return undefined;
  const given = node.arguments?.find((argument) => argument.name.value === argumentName);
  let value: unknown = given ? valueFromASTUntyped(given.value, variables as Record<string, unknown>) : undefined;
  if (value == null) value = definition.defaultValue;
  let type: GraphQLInputType = definition.type;
  for (const segment of rest) {
    const nullable = getNullableType(type);
    if (!isInputObjectType(nullable) || value == null || typeof value !== 'object') return undefined;
    const inputField = nullable.getFields()[segment];
    if (!inputField) return undefined;
    value = (value as Record<string, unknown>)[segment];
    if (value == null) value = inputField.defaultValue;
    type = inputField.type;
  }
  return value;
}

/**
 * Apollo's rule (router `ListSizeDirective::new`): each slicing argument that has a value — from the
 * request or, failing that, its schema default — gives a size; the largest wins, else `assumedSize`.
 * With `requireOneSlicingArgument`, anything but exactly one valued slicing argument is an error; so
 * a slicing argument with a schema default satisfies the rule when the request omits it (as the IBM
 * spec says), and giving another slicing argument next to a defaulted one is two.
 */
export function resolveListSize(field: GraphQLField<unknown, unknown>, node: FieldNode, listSize: ListSize, variables: Variables): ResolvedListSize {
  if (!listSize.slicingArguments) return { size: listSize.assumedSize };
  let found = 0;
  let largest: number | undefined;
  for (const path of listSize.slicingArguments) {
    const size = toSize(slicingValue(field, node, path, variables));
    if (size === undefined) continue;
    found += 1;
    largest = largest === undefined ? size : Math.max(largest, size);
  }
  const size = largest ?? listSize.assumedSize;
  return listSize.requireOneSlicingArgument && found !== 1 ? { size, slicingArgumentsFound: found } : { size };
}
