import {
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { CostIndex } from './cost-index';

/** Collects `$names` in a value; a hand-written walk, since graphql's `visit` is far slower for this. */
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, into);
}

/** Variables that can decide the value at a dotted slicing path: `{ pagination: { first: $n } }` → n; `$input` as a whole → input. */
function variablesOnPath(value: ValueNode, path: readonly string[], into: Set<string>): void {
  if (value.kind === Kind.VARIABLE || path.length === 0) {
    variablesIn(value, into);
  } else if (value.kind === Kind.OBJECT) {
    const field = value.fields.find((candidate) => candidate.name.value === path[0]);
    if (field) variablesOnPath(field.value, path.slice(1), into);
  }
}

/**
 * The variables whose values can change an operation's cost: those in `@skip`/`@include`, in slicing
 * arguments, and in arguments that carry `@cost` weights. Every other variable (ids, filters, cursors,
 * mutation inputs) is left out of the estimate cache key, so requests differing only there share an
 * entry. The scan ignores `@skip`/`@include` (it must find variables in every branch) and looks at
 * every possible type of an abstract selection, so it may over-include, never miss.
 */
export function costVariables(index: CostIndex, operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string[] {
  const found = new Set<string>();
  const seen = new Map<SelectionSetNode, Set<string>>();
  const schema = index.schema;

  const scanDirectives = (selection: SelectionNode) => {
    for (const directive of selection.directives ?? []) {
      if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
      for (const argument of directive.arguments ?? []) variablesIn(argument.value, found);
    }
  };

  const scan = (selectionSet: SelectionSetNode, parent: GraphQLNamedType) => {
    // One selection set can be reached under several types (abstract fields, fragments); each pair once,
    // which also ends fragment cycles in an unvalidated document.
    const types = seen.get(selectionSet) ?? new Set<string>();
    if (types.has(parent.name)) return;
    types.add(parent.name);
    seen.set(selectionSet, types);
    for (const selection of selectionSet.selections) {
      scanDirectives(selection);
      if (selection.kind !== Kind.FIELD) {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        const type = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (fragment && type) scan(fragment.selectionSet, type);
        continue;
      }
      // An interface's own fields count too, so an interface without implementations is still scanned.
      for (const candidate of index.fieldOwners(parent)) {
        const info = index.fieldInfo(candidate, selection.name.value);
        if (!info) continue;
        if (info.costArguments.size > 0) {
          for (const argument of selection.arguments ?? []) {
            const name = argument.name.value;
            if (!info.costArguments.has(name)) continue;
            if (info.weightedArguments.some(({ definition }) => definition.name === name)) variablesIn(argument.value, found);
            for (const [root, ...rest] of info.slicingPaths) if (root === name) variablesOnPath(argument.value, rest, found);
          }
        }
        if (selection.selectionSet && info.composite) scan(selection.selectionSet, info.composite);
      }
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root) scan(operation.selectionSet, root);
  return [...found].sort();
}
