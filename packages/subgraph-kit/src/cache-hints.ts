import { type ConstDirectiveNode, type GraphQLSchema, isInterfaceType, isObjectType, Kind, parse } from 'graphql';

/**
 * How long data may be cached, and by whom: PUBLIC data is the same for every caller of a tenant,
 * PRIVATE data depends on the caller. `inheritMaxAge` (for wrappers such as connections and edges)
 * takes the parent field's hint instead of making the response uncacheable.
 */
export type CacheHint = { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } | { inheritMaxAge: true };

/** `Type` (every field returning it) or `Type.field` (one field, e.g. `Query.competencyStandards`) → hint. */
export type CacheHints = Record<string, CacheHint>;

function directiveOf(hint: CacheHint): ConstDirectiveNode {
  const args = 'inheritMaxAge' in hint ? 'inheritMaxAge: true' : `maxAge: ${hint.maxAge}${hint.scope ? `, scope: ${hint.scope}` : ''}`;
  const document = parse(`type T @cacheControl(${args}) { f: Int }`);
  const definition = document.definitions[0];
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !definition.directives) throw new Error('unreachable');
  return definition.directives[0];
}

function withDirective<T extends { directives?: readonly ConstDirectiveNode[] }>(node: T | null | undefined, directive: ConstDirectiveNode, where: string): T {
  if (!node) throw new Error(`cache hint for ${where}: it has no SDL definition`);
  return { ...node, directives: [...(node.directives ?? []).filter((d) => d.name.value !== 'cacheControl'), directive] };
}

/**
 * Apollo Server's cache-control plugin (on by default) reads `@cacheControl` from the schema's AST
 * nodes, sums the hints of every resolved field into the response's policy and sends it as the
 * `Cache-Control` header, which the gateway merges across subgraphs. The hints are attached to the
 * schema a service serves rather than written in the SDL: the directive and its `CacheControlScope`
 * enum would otherwise be composed into the public API, where clients have no use for them. Apply
 * them to the served schema only, never to one that is printed for composition (`printSubgraphSchema`
 * prints AST directives); `_service` keeps the SDL printed when the schema was built. Throws on a
 * type or field the schema lacks, so a renamed type cannot silently lose its hint.
 */
export function applyCacheHints(schema: GraphQLSchema, hints: CacheHints): GraphQLSchema {
  for (const [path, hint] of Object.entries(hints)) {
    const [typeName, fieldName] = path.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`cache hint for ${path}: no object or interface type ${typeName}`);
    const directive = directiveOf(hint);
    if (fieldName === undefined) {
      (type as { astNode: unknown }).astNode = withDirective(type.astNode, directive, path);
      continue;
    }
    const field = type.getFields()[fieldName];
    if (!field) throw new Error(`cache hint for ${path}: ${typeName} has no field ${fieldName}`);
    field.astNode = withDirective(field.astNode, directive, path);
  }
  return schema;
}
