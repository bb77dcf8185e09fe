import {
  type FieldNode,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
  valueFromASTUntyped,
} from 'graphql';
import type { Variables } from './cost-context';
import type { CostIndex, WeightedArgument } from './cost-index';

/**
 * The cost of one input value: its own `@cost` (argument or input field), plus its input fields',
 * recursively; each list item counts as one occurrence. Null and absent values cost nothing.
 *
 * Deviation from Apollo's router: an input object value costs 0 unless weighted (the router adds 1
 * per input object). REFERENCES' default table covers output types only, and with 0 the variables
 * of ordinary mutations (`$input`) do not influence cost, so their estimates share cache entries.
 */
export function inputValueCost(index: CostIndex, value: unknown, type: GraphQLInputType, weight: number | undefined): number {
  if (value == null) return 0;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // Input coercion accepts a single value where a list is expected.
    const items: unknown[] = Array.isArray(value) ? value : [value];
    let cost = 0;
    for (const item of items) cost += inputValueCost(index, item, nullable.ofType, weight);
    return cost;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    let cost = weight ?? 0;
    const given = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      if (given[field.name] !== undefined) {
        cost += inputValueCost(index, given[field.name], field.type, index.inputFieldWeight(nullable.name, field.name));
      }
    }
    return cost;
  }
  return weight ?? 0;
}

/** What a field's arguments add (once per occurrence of the field, like Apollo). */
export function argumentsCost(index: CostIndex, weighted: readonly WeightedArgument[], node: FieldNode, variables: Variables): number {
  if (weighted.length === 0 || !node.arguments?.length) return 0;
  let cost = 0;
  for (const { definition, weight } of weighted) {
    const given = node.arguments.find((argument) => argument.name.value === definition.name);
    if (!given) continue;
    cost += inputValueCost(index, valueFromASTUntyped(given.value, variables as Record<string, unknown>), definition.type, weight);
  }
  return cost;
}
