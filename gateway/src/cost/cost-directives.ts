import { buildSchema, costIdentity, type Directive, type Schema } from '@apollo/federation-internals';

/** `@listSize` as declared on one field definition (cost spec v0.1). */
export interface ListSize {
  assumedSize?: number;
  /** Argument names or dotted paths into input objects, e.g. `input.pagination.first`. */
  slicingArguments?: readonly string[];
  /** Child list fields of a connection-style wrapper that the size applies to (e.g. `edges`, `nodes`). */
  sizedFields?: readonly string[];
  /** @default true */
  requireOneSlicingArgument: boolean;
}

export interface FieldCost {
  weight?: number;
  listSize?: ListSize;
}

/**
 * Every `@cost` and `@listSize` of a schema, by schema coordinate. Only coordinates are kept (no
 * schema objects), so the lookup serves any GraphQLSchema built from the same API schema.
 */
export interface CostDirectives {
  /** `@cost` on object, scalar and enum types: `Type`. */
  types: ReadonlyMap<string, number>;
  /** `Type.field` */
  fields: ReadonlyMap<string, FieldCost>;
  /** `Type.field(argument)` */
  arguments: ReadonlyMap<string, number>;
  /** `Input.field` */
  inputFields: ReadonlyMap<string, number>;
}

/** A schema whose cost is the default everywhere (no directives). */
export const NO_COST_DIRECTIVES: CostDirectives = { types: new Map(), fields: new Map(), arguments: new Map(), inputFields: new Map() };

/**
 * The names the directives carry in this schema. Composition (2.9+) writes them into the supergraph
 * under `@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])`, keeping any rename
 * the subgraphs agreed on (`import: [{ name: "@cost", as: "@weight" }]`), so the link is the authority.
 * A plain SDL without links (tests, non-federated schemas) uses the spec's own names.
 */
function directiveNames(schema: Schema): { cost: string; listSize: string } {
  const feature = schema.coreFeatures?.getByIdentity(costIdentity);
  if (!feature) return { cost: 'cost', listSize: 'listSize' };
  return { cost: feature.directiveNameInSchema('cost'), listSize: feature.directiveNameInSchema('listSize') };
}

interface Parent {
  kind: string;
  coordinate: string;
  name: string;
  parent?: { name: string; parent?: { name: string } };
}

/** `Type.field(arg:)` (federation-internals) → `Type.field(arg)` (what the estimator looks up). */
const argumentCoordinate = (parent: Parent) => `${parent.parent?.parent?.name}.${parent.parent?.name}(${parent.name})`;

function applicationsOf(schema: Schema, name: string): Array<{ parent: Parent; args: Record<string, unknown> }> {
  const definition = schema.directive(name);
  if (!definition) return [];
  return [...definition.applications()].map((application: Directive) => ({
    parent: application.parent as unknown as Parent,
    args: application.arguments() as Record<string, unknown>,
  }));
}

/**
 * Reads `@cost(weight)` and `@listSize(...)` from a supergraph SDL (or a plain SDL that declares the
 * directives itself). Elements that the API schema hides (`@inaccessible`, `join__*`) may be listed;
 * the estimator only looks up coordinates of the API schema, so they are harmless.
 *
 * Composition 2.14.4 emits both as ordinary directive applications in the supergraph, never through
 * `@join__directive`, so that form is not read.
 */
export function readCostDirectives(sdl: string): CostDirectives {
  const schema = buildSchema(sdl);
  const names = directiveNames(schema);
  const types = new Map<string, number>();
  const fields = new Map<string, FieldCost>();
  const args = new Map<string, number>();
  const inputFields = new Map<string, number>();
  const fieldEntry = (coordinate: string): FieldCost => {
    const existing = fields.get(coordinate);
    if (existing) return existing;
    const created: FieldCost = {};
    fields.set(coordinate, created);
    return created;
  };

  for (const { parent, args: { weight } } of applicationsOf(schema, names.cost)) {
    if (typeof weight !== 'number') continue;
    if (parent.kind === 'FieldDefinition') fieldEntry(parent.coordinate).weight = weight;
    else if (parent.kind === 'ArgumentDefinition') args.set(argumentCoordinate(parent), weight);
    else if (parent.kind === 'InputFieldDefinition') inputFields.set(parent.coordinate, weight);
    else types.set(parent.name, weight);
  }
  for (const { parent, args: a } of applicationsOf(schema, names.listSize)) {
    if (parent.kind !== 'FieldDefinition') continue;
    fieldEntry(parent.coordinate).listSize = {
      assumedSize: typeof a.assumedSize === 'number' ? a.assumedSize : undefined,
      slicingArguments: Array.isArray(a.slicingArguments) && a.slicingArguments.length > 0 ? (a.slicingArguments as string[]) : undefined,
      sizedFields: Array.isArray(a.sizedFields) && a.sizedFields.length > 0 ? (a.sizedFields as string[]) : undefined,
      // The spec's default; arguments() only lists what the application spelled out.
      requireOneSlicingArgument: a.requireOneSlicingArgument !== false,
    };
  }
  return { types, fields, arguments: args, inputFields };
}
