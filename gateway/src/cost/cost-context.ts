import {
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  valueFromASTUntyped,
} from 'graphql';
import type { CostDirectives } from './cost-directives';

/** Variables as the client sent them (JSON), before coercion. */
export type Variables = Readonly<Record<string, unknown>>;

/** One costing run: one operation of one document with one set of variables. */
export interface CostContext {
  schema: GraphQLSchema;
  directives: CostDirectives;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The client's variables with the operation's defaults filled in. */
  variables: Variables;
  /** The list size when neither a slicing argument nor `assumedSize` gives one. */
  defaultListSize: number;
}

export function fragmentsOf(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  return fragments;
}

/**
 * The operation a request executes: the named one, or the only one. Undefined when the name is
 * unknown or the document holds several and none was named (Apollo rejects those before us).
 */
export function selectOperation(definitions: readonly { kind: Kind }[], operationName?: string | null): OperationDefinitionNode | undefined {
  let found: OperationDefinitionNode | undefined;
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const operation = definition as OperationDefinitionNode;
    if (operationName) {
      if (operation.name?.value === operationName) return operation;
    } else {
      if (found) return undefined;
      found = operation;
    }
  }
  return found;
}

/**
 * Fills in `$var: T = default` for variables the client left out: Apollo hands plugins the raw
 * request variables, while execution (and so the real list size) uses the default.
 */
export function withVariableDefaults(operation: OperationDefinitionNode, variables: Variables | null | undefined): Variables {
  const given = variables ?? {};
  let merged: Record<string, unknown> | undefined;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && given[name] === undefined) {
      merged ??= { ...given };
      merged[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return merged ?? given;
}

function condition(directive: DirectiveNode, variables: Variables): boolean | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  if (value?.kind === Kind.VARIABLE) {
    const resolved = variables[value.name.value];
    return typeof resolved === 'boolean' ? resolved : undefined;
  }
  return undefined;
}

/** `@skip(if: true)` or `@include(if: false)`. An unresolvable condition counts as included: costing too much is the safe side. */
export function isExcluded(selection: SelectionNode, variables: Variables): boolean {
  if (!selection.directives?.length) return false;
  for (const directive of selection.directives) {
    const name = directive.name.value;
    if (name === 'skip' && condition(directive, variables) === true) return true;
    if (name === 'include' && condition(directive, variables) === false) return true;
  }
  return false;
}
