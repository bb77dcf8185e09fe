import * as federation from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

type Schema = federation.Schema;
type NamedType = federation.NamedType;
type SelectionSet = federation.SelectionSet;

// Read once: each access of a re-exported binding is a getter call, and the shaper runs per field.
const { ERRORS, isCompositeType, isListType, isNonNullType, isObjectType, isSubtype, isValidLeafValue, Variable } = federation;

/** `true`/`false`, or the name of the variable that decides. */
type Flag = boolean | string;

/** How a field's value is completed, its type's wrappers unrolled once. */
type Completion =
  | { kind: 'nonNull'; of: Completion }
  | { kind: 'list'; of: Completion }
  | { kind: 'composite'; type: federation.CompositeType }
  | { kind: 'leaf'; type: federation.ScalarType | federation.EnumType };

interface FieldStep {
  kind: 'field';
  responseName: string;
  typename: boolean;
  completion: Completion;
  selection: Step[] | undefined;
  skip?: Flag;
  include?: Flag;
}

interface FragmentStep {
  kind: 'fragment';
  typeCondition: federation.CompositeType | undefined;
  selection: Step[];
  skip?: Flag;
  include?: Flag;
}

type Step = FieldStep | FragmentStep;

/** The shaped response and the value-completion errors (Apollo's `valueCompletion`). */
export interface ShapedResponse {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

/** Runs per response: everything known from the operation alone was worked out when it was compiled. */
export type ResponseShaper = (input: Record<string, unknown>, variables: Record<string, unknown> | undefined) => ShapedResponse;

function flagOf(directive: { arguments(): { if: boolean | federation.Variable } } | undefined): Flag | undefined {
  if (!directive) return undefined;
  const value = directive.arguments().if;
  return value instanceof Variable ? value.name : Boolean(value);
}

function completionOf(type: federation.Type): Completion {
  if (isNonNullType(type)) return { kind: 'nonNull', of: completionOf(type.ofType) };
  if (isListType(type)) return { kind: 'list', of: completionOf(type.ofType) };
  if (isCompositeType(type)) return { kind: 'composite', type };
  return { kind: 'leaf', type: type as federation.ScalarType | federation.EnumType };
}

/** Thrown on an introspection field (`__schema`, `__type`): those operations are not compiled. */
class IntrospectionField extends Error {}

function compileSelectionSet(schema: Schema, selectionSet: SelectionSet): Step[] {
  const skipDirective = schema.skipDirective();
  const includeDirective = schema.includeDirective();
  return selectionSet.selections().map((selection): Step => {
    const element = selection.element;
    const skip = flagOf(element.appliedDirectivesOf(skipDirective)[0]);
    const include = flagOf(element.appliedDirectivesOf(includeDirective)[0]);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField()) throw new IntrospectionField();
      const sub = selection.selectionSet;
      return {
        kind: 'field',
        responseName: field.responseName(),
        typename: field.name === federation.typenameFieldName,
        completion: completionOf(field.definition.type!),
        selection: sub ? compileSelectionSet(schema, sub) : undefined,
        skip,
        include,
      };
    }
    const fragment = selection.element as federation.FragmentElement;
    return { kind: 'fragment', typeCondition: fragment.typeCondition, selection: compileSelectionSet(schema, selection.selectionSet), skip, include };
  });
}

const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);

/** A non-null field completed to null: its parent is nulled in turn (Apollo's NULL_BUBBLE_UP). */
const BUBBLE = Symbol('null bubbles up');

/**
 * Shapes the data merged from the subgraphs into the client's selection, as `@apollo/gateway`'s
 * `computeResponse` does (same output, same value-completion errors), but from steps compiled once
 * per operation instead of walking the planner's selection objects on every response.
 *
 * Returns `undefined` for an operation with introspection fields, which this shaper does not answer.
 */
export function compileResponseShaper(operation: federation.Operation): ResponseShaper | undefined {
  const schema = operation.schema();
  let root: Step[];
  try {
    root = compileSelectionSet(schema, operation.selectionSet);
  } catch (error) {
    if (error instanceof IntrospectionField) return undefined;
    throw error;
  }
  const rootType = schema.schemaDefinition.rootType(operation.rootKind)!;
  const defaulted = operation.collectDefaultedVariableValues();
  // Type-condition answers per runtime type name: the schema does not change under a compiled operation.
  const applies = new Map<federation.CompositeType, Map<string, boolean>>();

  return (input, variables) => {
    const values: Record<string, unknown> = { __proto__: null, ...defaulted, ...variables };
    const errors: GraphQLError[] = [];
    const path: (string | number)[] = [];

    const flag = (value: Flag) => {
      if (typeof value === 'boolean') return value;
      const resolved = values[value];
      if (typeof resolved !== 'boolean') throw new Error(`Unexpected value ${String(resolved)} for variable $${value} of @skip/@include`);
      return resolved;
    };
    const skipped = (step: Step) => (step.skip !== undefined && flag(step.skip)) || (step.include !== undefined && !flag(step.include));

    const conditionApplies = (condition: federation.CompositeType | undefined, typename: unknown, parentType: federation.CompositeType) => {
      if (!condition) return true;
      if (typeof typename !== 'string' || typename === '') return isSubtype(condition, parentType);
      let byName = applies.get(condition);
      if (!byName) {
        byName = new Map();
        applies.set(condition, byName);
      }
      let answer = byName.get(typename);
      if (answer === undefined) {
        const type = schema.type(typename);
        answer = !!type && isSubtype(condition, type);
        byName.set(typename, answer);
      }
      return answer;
    };

    const describe = (parentType: NamedType, of: Completion) => {
      const last = path[path.length - 1];
      return typeof last === 'string' ? `field ${parentType}.${last}` : `array element of type ${typeOf(of)} at index ${last}`;
    };
    const invalid = (message: string) => errors.push(ERRORS.INVALID_GRAPHQL.err(message, { path: [...path] }));

    /** `false` when the selection must null its parent (Apollo's NULL_BUBBLE_UP). */
    const applySelection = (steps: Step[], source: Record<string, unknown>, output: Record<string, unknown>, parentType: federation.CompositeType): boolean => {
      for (const step of steps) {
        if ((step.skip !== undefined || step.include !== undefined) && skipped(step)) continue;
        if (step.kind === 'fragment') {
          const typename = source.__typename;
          if (typename && typeof typename !== 'string') throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
          if (conditionApplies(step.typeCondition, typename, parentType)) {
            if (!applySelection(step.selection, source, output, step.typeCondition ?? parentType)) return false;
          }
          continue;
        }
        const name = step.responseName;
        const existing = output[name];
        let value = hasOwn(source, name) ? (source[name] ?? null) : null;
        if (step.typename) {
          if (existing !== undefined) continue;
          if (value === null && name !== '__typename') value = source.__typename ?? null;
          const type = typeof value === 'string' ? (schema.type(value) ?? parentType) : parentType;
          if (!isObjectType(type)) return false;
          output[name] = type.name;
          continue;
        }
        path.push(name);
        const completed = complete(existing, step.completion, value, step.selection, parentType);
        path.pop();
        if (completed === BUBBLE) {
          output[name] = null;
          return false;
        }
        output[name] = completed;
      }
      return true;
    };

    // Set by `complete`: whether an error was already recorded (or bubbled) for the value it returned.
    let hasErrors = false;
    /**
     * Completes one value. Returns the value, or `BUBBLE` when a non-null field is null and its parent
     * must be nulled, and leaves in `hasErrors` whether that null is already reported (Apollo's
     * `hasErrors`), so it is reported once. No result object per field: this runs for every field of
     * every response.
     */
    const complete = (existing: unknown, completion: Completion, value: unknown, selection: Step[] | undefined, parentType: federation.CompositeType): unknown => {
      hasErrors = false;
      if (existing === null || (existing !== undefined && !selection)) return existing;
      switch (completion.kind) {
        case 'nonNull': {
          const inner = complete(existing, completion.of, value, selection, parentType);
          if (inner !== null) {
            hasErrors = false;
            return inner;
          }
          if (!hasErrors) invalid(`Cannot return null for non-nullable ${describe(parentType, completion.of)}.`);
          hasErrors = true;
          return BUBBLE;
        }
        case 'list': {
          if (value === null) return null;
          if (!Array.isArray(value)) throw new Error(`Invalid non-list value ${String(value)} returned by subgraph for list type ${typeOf(completion)}`);
          const previous = existing as unknown[] | undefined;
          if (previous !== undefined && previous.length !== value.length) throw new Error(`[${value}].length (${value.length}) !== [${previous}].length (${previous.length})`);
          const list = new Array<unknown>(value.length);
          let nullify = false;
          let anyErrors = false;
          for (let i = 0; i < value.length; i++) {
            path.push(i);
            const element = complete(previous?.[i], completion.of, value[i] ?? null, selection, parentType);
            path.pop();
            anyErrors ||= hasErrors;
            if (element === BUBBLE) {
              nullify = true;
              list[i] = null;
            } else list[i] = element;
          }
          hasErrors = anyErrors;
          return nullify ? null : list;
        }
        case 'composite': {
          if (value === null) return null;
          if (typeof value !== 'object') throw new Error(`Invalid non-object value ${String(value)} returned by subgraph for composite type ${completion.type}`);
          const object = value as Record<string, unknown>;
          const typename = object.__typename;
          if (typename !== undefined && typeof typename !== 'string') throw new Error(`Invalid non-string value ${String(typename)} for __typename at ${path}`);
          let runtimeType = completion.type;
          if (typename) {
            const named = schema.type(typename);
            if (!named || !isCompositeType(named)) {
              invalid(`Invalid __typename found for object at ${describe(parentType, completion)}.`);
              hasErrors = true;
              return null;
            }
            runtimeType = named;
          }
          const output = (existing as Record<string, unknown> | undefined) ?? Object.create(null);
          const ok = applySelection(selection!, object, output, runtimeType);
          hasErrors = !ok;
          return ok ? output : null;
        }
        case 'leaf': {
          if (value === null || isValidLeafValue(schema, value, completion.type)) return value;
          invalid(`Invalid value found for ${describe(parentType, completion)}.`);
          hasErrors = true;
          return null;
        }
      }
    };

    const data: Record<string, unknown> = Object.create(null);
    const ok = applySelection(root, input, data, rootType);
    return { data: ok ? data : null, errors };
  };
}

function typeOf(completion: Completion): string {
  switch (completion.kind) {
    case 'nonNull':
      return `${typeOf(completion.of)}!`;
    case 'list':
      return `[${typeOf(completion.of)}]`;
    default:
      return completion.type.name;
  }
}
