import { type FieldNode, type GraphQLCompositeType, type GraphQLObjectType, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { argumentsCost } from './argument-cost';
import { type CostContext, isExcluded } from './cost-context';
import type { CostIndex, FieldInfo } from './cost-index';
import { resolveListSize } from './list-size';

type ResponseObject = Record<string, unknown>;

// Read once: graphql's CommonJS entry serves `Kind` through a getter, which the per-field loop would call.
const { FIELD, INLINE_FRAGMENT, FRAGMENT_SPREAD } = Kind;
type Sizes = ReadonlyMap<string, number | undefined>;

/** Told when a field breaks `requireOneSlicingArgument`; the walk goes on with the best size it has. */
export type SlicingViolation = (node: FieldNode, coordinate: string, slicingArguments: readonly string[], found: number) => void;

/**
 * One walk over an operation. Estimating, list sizes come from `@listSize` or the default; with a
 * response (`actual`), from the lengths of the lists the response holds. Nothing else differs, so
 * estimate minus actual is exactly the effect of assumed versus real list sizes (REFERENCES).
 */
export class CostWalker {
  private readonly fragmentsInUse = new Set<string>();

  constructor(
    private readonly index: CostIndex,
    private readonly ctx: CostContext,
    private readonly actual: boolean,
    private readonly onSlicingViolation?: SlicingViolation,
  ) {}

  operation(operation: OperationDefinitionNode, data?: ResponseObject): number {
    const root = this.ctx.schema.getRootType(operation.operation);
    if (!root) return 0;
    const base = operation.operation === 'mutation' ? 10 : 0;
    return base + this.selectionSet(operation.selectionSet, root, undefined, data);
  }

  private selectionSet(selectionSet: SelectionSetNode, type: GraphQLObjectType, sized: Sizes | undefined, data: ResponseObject | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length && isExcluded(selection, this.ctx.variables)) continue;
      if (selection.kind === FIELD) {
        cost += this.field(selection, type, sized?.get(selection.name.value), data);
        continue;
      }
      const fragment = selection.kind === INLINE_FRAGMENT ? selection : this.ctx.fragments.get(selection.name.value);
      if (!fragment || (fragment.typeCondition && !this.index.applies(fragment.typeCondition.name.value, type))) continue;
      // Validation rejects fragment cycles; the guard only keeps an unvalidated document from looping.
      const name = selection.kind === FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (name !== undefined && this.fragmentsInUse.has(name)) continue;
      if (name !== undefined) this.fragmentsInUse.add(name);
      cost += this.selectionSet(fragment.selectionSet, type, sized, data);
      if (name !== undefined) this.fragmentsInUse.delete(name);
    }
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLObjectType, sizeFromParent: number | undefined, data: ResponseObject | undefined): number {
    const name = node.name.value;
    // `__typename` is free by the spec; `__schema`/`__type` are answered by the gateway itself from the
    // schema it holds (no subgraph is called), so they are free here too and bounded by the structural limits.
    if (name.startsWith('__')) return 0;
    const info = this.index.fieldInfo(parent, name);
    if (!info) return 0;
    const listSize = info.cost?.listSize;
    const resolved = listSize && resolveListSize(info.field, node, listSize, this.ctx.variables);
    if (resolved?.slicingArgumentsFound !== undefined && !this.actual) {
      this.onSlicingViolation?.(node, info.coordinate, listSize?.slicingArguments ?? [], resolved.slicingArgumentsFound);
    }
    const args = argumentsCost(this.index, info.weightedArguments, node, this.ctx.variables);
    const childSizes = listSize?.sizedFields && new Map(listSize.sizedFields.map((child) => [child, resolved?.size] as const));
    if (!this.actual) {
      const count = info.isList ? (sizeFromParent ?? resolved?.size ?? this.ctx.defaultListSize) : 1;
      return count * this.instance(info, node, childSizes, undefined) + args;
    }
    const value = data?.[node.alias?.value ?? name];
    if (!info.isList) return this.instance(info, node, childSizes, value) + args;
    if (!Array.isArray(value)) return args;
    let cost = args;
    // Nested lists ([[T]]) are one multiplier when estimating, so their items are counted flat.
    for (const item of info.isNestedList ? value.flat(Number.POSITIVE_INFINITY) : value) cost += this.instance(info, node, childSizes, item);
    return cost;
  }

  /** One value of the field: a leaf's weight, or an object's weight and selection. */
  private instance(info: FieldInfo, node: FieldNode, childSizes: Sizes | undefined, value: unknown): number {
    if (!info.composite || !node.selectionSet) return info.leafWeight;
    // A null object was never produced; only an estimate (value undefined) assumes one.
    if (this.actual && (value == null || typeof value !== 'object')) return 0;
    return this.composite(info.composite, info.possible, node.selectionSet, info.cost?.weight, childSizes, value as ResponseObject | undefined);
  }

  /**
   * An object costs its weight (the field's `@cost` replaces the type's) plus its selection. An
   * interface or union costs the most expensive of its possible types, each counting only the
   * fragments that apply to it; with a response that names the `__typename`, that type.
   */
  private composite(type: GraphQLCompositeType, possible: readonly GraphQLObjectType[], selectionSet: SelectionSetNode, fieldWeight: number | undefined, sized: Sizes | undefined, data: ResponseObject | undefined): number {
    const typename = data?.__typename;
    let candidates = possible;
    if (possible.length > 1 && typeof typename === 'string') {
      const reported = possible.filter((candidate) => candidate.name === typename);
      if (reported.length > 0) candidates = reported;
    }
    // An interface nobody implements can only return null; its weight is still the honest estimate.
    if (candidates.length === 0) return fieldWeight ?? this.index.typeWeight(type);
    let most = 0;
    for (const candidate of candidates) {
      most = Math.max(most, (fieldWeight ?? this.index.typeWeight(candidate)) + this.selectionSet(selectionSet, candidate, sized, data));
    }
    return most;
  }
}
