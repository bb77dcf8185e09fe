import { type DocumentNode, getNamedType, type GraphQLSchema, isAbstractType, isCompositeType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

const memo = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, string[]>>();

/**
 * The object types an operation can return (an interface or union stands for all its members):
 * the tags that domain events invalidate. Read from the document against the API schema, so it costs
 * one walk per document and schema, and does not depend on which fields the data happened to hold.
 */
export function cacheTagsOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const bySchema = memo.get(schema) ?? new WeakMap<DocumentNode, string[]>();
  memo.set(schema, bySchema);
  const known = bySchema.get(document);
  if (known) return known;
  const tags = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = getNamedType(typeInfo.getType());
        if (!type || !isCompositeType(type)) return;
        if (isAbstractType(type)) for (const member of schema.getPossibleTypes(type)) tags.add(member.name);
        else tags.add(type.name);
      },
    }),
  );
  const result = [...tags].sort();
  bySchema.set(document, result);
  return result;
}
