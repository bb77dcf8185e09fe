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

const tooLarge = (bytes: number, limit: number) => violation('DOCUMENT_TOO_LARGE', 'has bytes:', bytes, limit);
const tooManyTokens = (tokens: number, limit: number) => violation('TOO_MANY_TOKENS', 'has more tokens than allowed:', tokens, limit);

/**
 * The size and token limits on a document's text, before anything parses it: a refused document costs
 * at most its byte length and `maxTokens + 1` tokens of lexing. The same refusals as `checkStructure`.
 */
export function checkDocumentText(source: string, { maxTokens, maxDocumentBytes }: Pick<StructureLimits, 'maxTokens' | 'maxDocumentBytes'>): AppError[] {
  const errors: AppError[] = [];
  // A UTF-16 code unit is at most 3 UTF-8 bytes: a short text needs no count.
  if (maxDocumentBytes !== undefined && source.length * 3 > maxDocumentBytes) {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > maxDocumentBytes) errors.push(tooLarge(bytes, maxDocumentBytes));
  }
  // Every token is at least one character: a text no longer than the limit needs no lexing.
  if (maxTokens !== undefined && source.length > maxTokens) {
    const tokens = countTokens(source, maxTokens);
    if (tokens > maxTokens) errors.push(tooManyTokens(tokens, maxTokens));
  }
  return errors;
}

/** What a document measures, kept per parsed document: Apollo hands the same DocumentNode to every request for one query text. */
interface Measured {
  bytes: number;
  /** Tokens counted, and the cap the count stopped at (a larger limit needs a recount). */
  tokens?: { count: number; cap: number };
  /** Per operation name ('' for the only or first operation); null when the document has no such operation. */
  shapes: Map<string, Shape | null>;
}

const measured = new WeakMap<DocumentNode, Measured>();

function measuredOf(document: DocumentNode): Measured {
  let entry = measured.get(document);
  if (!entry) {
    entry = { bytes: Buffer.byteLength(sourceOf(document), 'utf8'), shapes: new Map() };
    measured.set(document, entry);
  }
  return entry;
}

const sourceOf = (document: DocumentNode) => document.loc?.source.body ?? print(document);

/** A count that stopped at its cap is only known to exceed it: a larger limit counts again. */
function tokensOf(document: DocumentNode, entry: Measured, maxTokens: number): number {
  const known = entry.tokens;
  if (!known || (known.count > known.cap && maxTokens > known.cap)) entry.tokens = { count: countTokens(sourceOf(document), maxTokens), cap: maxTokens };
  return entry.tokens!.count;
}

function shapeOf(document: DocumentNode, entry: Measured, operationName: string | null | undefined): Shape | null {
  const name = operationName ?? '';
  if (entry.shapes.has(name)) return entry.shapes.get(name)!;
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
  }
  const shape = operation ? measureOperation(operation, fragments) : null;
  entry.shapes.set(name, shape);
  return shape;
}

/**
 * Checks a parsed document against the limits; returns every violation (empty when it passes).
 * Size and tokens cover the whole document; depth, aliases and root fields the operation that runs.
 * The measurements are kept per document, so a repeated query costs a few comparisons.
 */
export function checkStructure(document: DocumentNode, limits: StructureLimits, operationName?: string | null): AppError[] {
  const errors: AppError[] = [];
  const { maxDepth, maxAliases, maxRootFields, maxTokens, maxDocumentBytes } = limits;
  const entry = measuredOf(document);
  if (maxDocumentBytes !== undefined && entry.bytes > maxDocumentBytes) errors.push(tooLarge(entry.bytes, maxDocumentBytes));
  if (maxTokens !== undefined) {
    const tokens = tokensOf(document, entry, maxTokens);
    if (tokens > maxTokens) errors.push(tooManyTokens(tokens, maxTokens));
  }
  if (maxDepth === undefined && maxAliases === undefined && maxRootFields === undefined) return errors;
  const shape = shapeOf(document, entry, operationName);
  if (!shape) return errors;
  if (maxDepth !== undefined && shape.depth > maxDepth) errors.push(violation('QUERY_TOO_DEEP', 'nests fields to depth', shape.depth, maxDepth));
  if (maxAliases !== undefined && shape.aliases > maxAliases) errors.push(violation('TOO_MANY_ALIASES', 'uses aliases:', shape.aliases, maxAliases));
  if (maxRootFields !== undefined && shape.fields > maxRootFields) errors.push(violation('TOO_MANY_ROOT_FIELDS', 'selects root fields:', shape.fields, maxRootFields));
  return errors;
}
