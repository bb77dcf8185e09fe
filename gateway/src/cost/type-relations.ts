import { type GraphQLInterfaceType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, isAbstractType, isInterfaceType, isObjectType } from 'graphql';

/** Which object types stand behind interfaces, unions and fragment conditions; memoised, since the walk asks per field. */
export class TypeRelations {
  private readonly subtypes = new Map<string, Map<string, boolean>>();
  private readonly owners = new Map<string, readonly (GraphQLObjectType | GraphQLInterfaceType)[]>();

  constructor(readonly schema: GraphQLSchema) {}

  /** The object types a type can be at run time. */
  possibleTypes(type: GraphQLNamedType): readonly GraphQLObjectType[] {
    if (isObjectType(type)) return [type];
    return isAbstractType(type) ? this.schema.getPossibleTypes(type) : [];
  }

  /**
   * The types whose field definitions a selection on `type` may use: the type itself when it has
   * fields, and every possible object type (whose field may carry its own directives).
   */
  fieldOwners(type: GraphQLNamedType): readonly (GraphQLObjectType | GraphQLInterfaceType)[] {
    let owners = this.owners.get(type.name);
    if (!owners) {
      owners = isInterfaceType(type) ? [type, ...this.possibleTypes(type)] : this.possibleTypes(type);
      this.owners.set(type.name, owners);
    }
    return owners;
  }

  /** An object of `type` matches a fragment on `condition`: the same type, or an interface/union it belongs to. */
  applies(condition: string, type: GraphQLObjectType): boolean {
    if (condition === type.name) return true;
    let byType = this.subtypes.get(condition);
    if (!byType) {
      byType = new Map();
      this.subtypes.set(condition, byType);
    }
    let applies = byType.get(type.name);
    if (applies === undefined) {
      const conditionType = this.schema.getType(condition);
      applies = conditionType !== undefined && isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
      byType.set(type.name, applies);
    }
    return applies;
  }
}
