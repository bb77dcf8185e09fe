import { AppError, type ErrorCode } from '@academy/service-kit';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  print,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';

/** Per-plan document limits; an absent limit is not checked. */
export interface StructureLimits {
  /** Deepest field nesting with fragments expanded; a root field is depth 1 (introspection counts too). @default undefined */
  maxDepth?: number;
  /** Aliased fields, counted once per place they land after fragment expansion. @default undefined */
  maxAliases?: number;
  /** Fields in the operation's root selection, fragments expanded. @default undefined */
  maxRootFields?: number;
  /** Lexical tokens of the whole document (graphql's Lexer; comments excluded). @default undefined */
  maxTokens?: number;
  /** UTF-8 bytes of the document text. @default undefined */
  maxDocumentBytes?: number;
}

interface Shape {
  depth: number;
  aliases: number;
  fields: number;
}

/** Counts tokens, stopping at `stopAfter + 1` so a huge document costs no more than the limit to reject. */
export function countTokens(source: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/**
 * Depth, aliases and root fields of one operation with fragments expanded. Each fragment's shape is
 * computed once and reused at every spread, so a "fragment bomb" (each fragment spreading the next
 * twice) is measured in linear time while still counting what expansion would produce.
 */
export function measureOperation(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Shape {
  const memo = new Map<string, Shape>();
  const inProgress = new Set<string>();
  const measure = (selectionSet: SelectionSetNode): Shape => {
    const shape: Shape = { depth: 0, aliases: 0, fields: 0 };
    for (const selection of selectionSet.selections) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? measure(selection.selectionSet) : { depth: 0, aliases: 0 };
        inner = { depth: below.depth + 1, aliases: below.aliases + (selection.alias ? 1 : 0), fields: 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation forbids cycles; the guard keeps an unvalidated document from recursing forever.
        if (!fragment || inProgress.has(name)) continue;
        let known = memo.get(name);
        if (!known) {
          inProgress.add(name);
          known = measure(fragment.selectionSet);
          inProgress.delete(name);
          memo.set(name, known);
        }
        inner = known;
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.aliases += inner.aliases;
      shape.fields += inner.fields;
    }
    return shape;
  };
  return measure(operation.selectionSet);
}

const violation = (code: ErrorCode, what: string, actual: number, limit: number) =>
  new AppError(code, `The document ${what} ${actual}, above the limit of ${limit}.`, { limit, actual });

/**
 * Checks a parsed document against the limits; returns every violation (empty when it passes).
 * Size and tokens cover the whole document; depth, aliases and root fields the operation that runs.
 */
export function checkStructure(document: DocumentNode, limits: StructureLimits, operationName?: string | null): AppError[] {
  const errors: AppError[] = [];
  const { maxDepth, maxAliases, maxRootFields, maxTokens, maxDocumentBytes } = limits;
  if (maxTokens !== undefined || maxDocumentBytes !== undefined) {
    const source = document.loc?.source.body ?? print(document);
    const bytes = Buffer.byteLength(source, 'utf8');
    if (maxDocumentBytes !== undefined && bytes > maxDocumentBytes) errors.push(violation('DOCUMENT_TOO_LARGE', 'has bytes:', bytes, maxDocumentBytes));
    const tokens = maxTokens === undefined ? 0 : countTokens(source, maxTokens);
    if (maxTokens !== undefined && tokens > maxTokens) errors.push(violation('TOO_MANY_TOKENS', 'has more tokens than allowed:', tokens, maxTokens));
  }
  if (maxDepth === undefined && maxAliases === undefined && maxRootFields === undefined) return errors;
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
  }
  if (!operation) return errors;
  const shape = measureOperation(operation, fragments);
  if (maxDepth !== undefined && shape.depth > maxDepth) errors.push(violation('QUERY_TOO_DEEP', 'nests fields to depth', shape.depth, maxDepth));
  if (maxAliases !== undefined && shape.aliases > maxAliases) errors.push(violation('TOO_MANY_ALIASES', 'uses aliases:', shape.aliases, maxAliases));
  if (maxRootFields !== undefined && shape.fields > maxRootFields) errors.push(violation('TOO_MANY_ROOT_FIELDS', 'selects root fields:', shape.fields, maxRootFields));
  return errors;
}
