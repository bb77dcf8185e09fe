import {
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLList,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  isObjectType,
} from 'graphql';
import type { CostDirectives, FieldCost } from './cost-directives';
import { TypeRelations } from './type-relations';

export interface WeightedArgument {
  definition: GraphQLArgument;
  weight?: number;
}

/** What the walk needs about one field of one type, computed once per schema. */
export interface FieldInfo {
  field: GraphQLField<unknown, unknown>;
  /** `Type.field`, for error messages. */
  coordinate: string;
  cost?: FieldCost;
  isList: boolean;
  /** A list of lists (`[[T]]`): its response items need flattening. */
  isNestedList: boolean;
  /** Set when the field returns an object, interface or union. */
  composite?: GraphQLCompositeType;
  /** The concrete types the field can return (just the type itself for an object type). */
  possible: readonly GraphQLObjectType[];
  /** A leaf's cost per value: the field's `@cost`, else the scalar's or enum's. */
  leafWeight: number;
  weightedArguments: readonly WeightedArgument[];
  /** Names of the arguments whose variables can change the cost: weighted ones and slicing-path roots. */
  costArguments: ReadonlySet<string>;
  /** `@listSize.slicingArguments` split at the dots. */
  slicingPaths: readonly (readonly string[])[];
}

/**
 * The cost directives and schema facts the walk uses, indexed once: graphql's type predicates
 * (`isListType`, …) are slow outside NODE_ENV=production (realm checks), and the walk would call them
 * for every field of every list item, so each field's answers are computed on first use and kept.
 */
export class CostIndex extends TypeRelations {
  private readonly fieldCosts = new Map<string, Map<string, FieldCost>>();
  private readonly infos = new Map<string, Map<string, FieldInfo | null>>();
  private readonly weightedInputs = new Map<string, boolean>();
  private readonly weights = new Map<string, number>();

  constructor(
    schema: GraphQLSchema,
    private readonly directives: CostDirectives,
  ) {
    super(schema);
    for (const [coordinate, cost] of directives.fields) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      this.fieldsOf(typeName).set(fieldName, cost);
    }
    // The walk always stands on a concrete type (abstract selections are costed per possible type),
    // so directives written on an interface field are copied to the implementations that lack one.
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const iface of type.getInterfaces()) {
        for (const [fieldName, cost] of this.fieldCosts.get(iface.name) ?? []) {
          const own = this.fieldsOf(type.name);
          if (!own.has(fieldName)) own.set(fieldName, cost);
        }
      }
    }
  }

  private fieldsOf(typeName: string): Map<string, FieldCost> {
    let fields = this.fieldCosts.get(typeName);
    if (!fields) {
      fields = new Map();
      this.fieldCosts.set(typeName, fields);
    }
    return fields;
  }

  field(typeName: string, fieldName: string): FieldCost | undefined {
    return this.fieldCosts.get(typeName)?.get(fieldName);
  }

  /** The field `name` of an object or interface type; undefined when it has none. */
  fieldInfo(parent: GraphQLObjectType | GraphQLInterfaceType, name: string): FieldInfo | undefined {
    let fields = this.infos.get(parent.name);
    if (!fields) {
      fields = new Map();
      this.infos.set(parent.name, fields);
    }
    let info = fields.get(name);
    if (info === undefined) {
      const field = parent.getFields()[name];
      info = field ? this.describe(parent, field) : null;
      fields.set(name, info);
    }
    return info ?? undefined;
  }

  private describe(parent: { name: string }, field: GraphQLField<unknown, unknown>): FieldInfo {
    const named = getNamedType(field.type);
    const cost = this.field(parent.name, field.name);
    const composite = isCompositeType(named) ? named : undefined;
    const weightedArguments = field.args
      .map((definition) => ({ definition, weight: this.directives.arguments.get(`${parent.name}.${field.name}(${definition.name})`) }))
      .filter(({ definition, weight }) => weight !== undefined || this.isWeightedInput(definition.type));
    const slicingPaths = (cost?.listSize?.slicingArguments ?? []).map((path) => path.split('.'));
    const isList = isListType(getNullableType(field.type));
    return {
      field,
      coordinate: `${parent.name}.${field.name}`,
      cost,
      isList,
      isNestedList: isList && isListType(getNullableType((getNullableType(field.type) as GraphQLList<GraphQLOutputType>).ofType)),
      composite,
      possible: composite ? this.possibleTypes(composite) : [],
      leafWeight: cost?.weight ?? this.typeWeight(named),
      weightedArguments,
      costArguments: new Set([...weightedArguments.map(({ definition }) => definition.name), ...slicingPaths.map((path) => path[0]!)]),
      slicingPaths,
    };
  }

  /** `@cost` of an output type, else the default: 1 for objects, interfaces and unions, 0 for leaves. */
  typeWeight(type: GraphQLNamedType): number {
    let weight = this.weights.get(type.name);
    if (weight === undefined) {
      weight = this.directives.types.get(type.name) ?? (isCompositeType(type) ? 1 : 0);
      this.weights.set(type.name, weight);
    }
    return weight;
  }

  inputFieldWeight(typeName: string, fieldName: string): number | undefined {
    return this.directives.inputFields.get(`${typeName}.${fieldName}`);
  }

  isWeightedInput(type: GraphQLInputType, visiting = new Set<string>()): boolean {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return false;
    const known = this.weightedInputs.get(named.name);
    if (known !== undefined) return known;
    // Recursive input types: an input already on the path adds nothing new.
    if (visiting.has(named.name)) return false;
    const top = visiting.size === 0;
    visiting.add(named.name);
    const weighted = Object.values(named.getFields()).some(
      (field) => this.inputFieldWeight(named.name, field.name) !== undefined || this.isWeightedInput(field.type, visiting),
    );
    visiting.delete(named.name);
    // Only a complete answer is remembered: one computed under a cut cycle may be missing a branch.
    if (top) this.weightedInputs.set(named.name, weighted);
    return weighted;
  }
}
