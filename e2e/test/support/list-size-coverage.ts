import { type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type FieldDefinitionNode, Kind, parse, type TypeNode } from 'graphql';

/*
 * Works on the SDL's syntax tree only (graphql's `parse`), so no schema object crosses between the
 * CommonJS and ESM builds of graphql that vitest may load side by side.
 */

interface ListSizeArgs {
  slicingArguments: string[];
  sizedFields: string[];
  assumedSize?: number;
}

interface FieldShape {
  coordinate: string;
  isList: boolean;
  /** The named type under lists and non-nulls. */
  returns: string;
  node: FieldDefinitionNode;
}

const COST_SPEC = 'https://specs.apollo.dev/cost/';

const stringOf = (value: ConstValueNode | undefined) => (value?.kind === Kind.STRING ? value.value : undefined);
const listOf = (value: ConstValueNode | undefined) => (value?.kind === Kind.LIST ? value.values.flatMap((v) => stringOf(v) ?? []) : []);

function unwrap(type: TypeNode): { isList: boolean; name: string } {
  if (type.kind === Kind.NAMED_TYPE) return { isList: false, name: type.name.value };
  const inner = unwrap(type.type);
  return { isList: type.kind === Kind.LIST_TYPE || inner.isList, name: inner.name };
}

function fieldsOf(document: DocumentNode): FieldShape[] {
  return document.definitions.flatMap((definition) => {
    const typed = [Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION] as const;
    if (!(typed as readonly string[]).includes(definition.kind) || !('fields' in definition)) return [];
    const typeName = definition.name.value;
    return (definition.fields ?? []).map((node) => {
      const { isList, name } = unwrap((node as FieldDefinitionNode).type);
      return { coordinate: `${typeName}.${node.name.value}`, isList, returns: name, node: node as FieldDefinitionNode };
    });
  });
}

/**
 * The name `@listSize` has in a supergraph: composition links the cost spec and imports it (possibly
 * renamed); a spec element not imported keeps the `cost__` prefix; a plain SDL uses the bare name.
 */
function listSizeName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const url = stringOf(link.arguments?.find((a) => a.name.value === 'url')?.value);
      if (link.name.value !== 'link' || !url?.startsWith(COST_SPEC)) continue;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (stringOf(entry) === '@listSize') return 'listSize';
        if (entry.kind === Kind.OBJECT) {
          const field = (name: string) => stringOf(entry.fields.find((f) => f.name.value === name)?.value);
          if (field('name') === '@listSize') return (field('as') ?? '@listSize').slice(1);
        }
      }
      return 'cost__listSize';
    }
  }
  return 'listSize';
}

function listSizesOf(document: DocumentNode): Map<string, ListSizeArgs> {
  const name = listSizeName(document);
  const sizes = new Map<string, ListSizeArgs>();
  for (const field of fieldsOf(document)) {
    const directive = field.node.directives?.find((d: ConstDirectiveNode) => d.name.value === name);
    if (!directive) continue;
    const arg = (n: string) => directive.arguments?.find((a) => a.name.value === n)?.value;
    const assumed = arg('assumedSize');
    sizes.set(field.coordinate, {
      slicingArguments: listOf(arg('slicingArguments')),
      sizedFields: listOf(arg('sizedFields')),
      ...(assumed?.kind === Kind.INT && { assumedSize: Number(assumed.value) }),
    });
  }
  return sizes;
}

/**
 * Every list field of the API schema whose size the cost estimator would have to guess, and every
 * `@listSize` that names an argument or child field that does not exist (which is ignored just as
 * silently). A list field counts as sized when it has its own `@listSize`, or when every field that
 * returns its type names it in `sizedFields` (the `edges`/`nodes` of a connection).
 */
export function listSizeProblems(apiSdl: string, supergraphSdl: string): string[] {
  const fields = fieldsOf(parse(apiSdl));
  const sizes = listSizesOf(parse(supergraphSdl));
  const byCoordinate = new Map(fields.map((field) => [field.coordinate, field]));
  const problems: string[] = [];
  for (const field of fields) {
    const size = sizes.get(field.coordinate);
    if (size) {
      for (const path of size.slicingArguments) {
        const argument = path.split('.')[0];
        if (!field.node.arguments?.some((a) => a.name.value === argument)) problems.push(`${field.coordinate}: slicing argument ${path} does not exist`);
      }
      for (const child of size.sizedFields) {
        if (!byCoordinate.get(`${field.returns}.${child}`)?.isList) problems.push(`${field.coordinate}: sized field ${child} is not a list field of ${field.returns}`);
      }
      if (!field.isList && size.sizedFields.length === 0) problems.push(`${field.coordinate}: @listSize on a field that is not a list and sizes no child`);
      continue;
    }
    if (!field.isList) continue;
    const [typeName, name] = field.coordinate.split('.') as [string, string];
    const returners = fields.filter((f) => f.returns === typeName);
    const sizedByParents = returners.length > 0 && returners.every((f) => sizes.get(f.coordinate)?.sizedFields.includes(name));
    if (!sizedByParents) problems.push(`${field.coordinate}: list field without @listSize`);
  }
  return problems;
}
