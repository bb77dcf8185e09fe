import { AppError } from '@academy/service-kit';
import { type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';

/** Relay page info; every subgraph declares it, so it is `@shareable` and resolved locally by each. */
@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A `XConnection` type with `edges`, `nodes`, `pageInfo` and `totalCount`. */
export function ConnectionType<T extends object>(node: ClassType<T>, name = `${node.name}Connection`) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(name)
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'Items in the whole filtered list, not just this page.' }) totalCount: number;
  }
  return ConnectionClass;
}

export const MAX_PAGE_SIZE = 100;

/** Cursors are opaque to clients: base64url of the position after which the page starts. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('BAD_USER_INPUT', 'Malformed cursor', { argument: 'after' });
  return Number(match[1]) + 1;
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return first;
}

/** Builds a connection from one page of rows fetched at `offset` and the total count. */
export function toConnection<T>(rows: T[], offset: number, totalCount: number): Connection<T> {
  const edges = rows.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
  return {
    edges,
    nodes: rows,
    totalCount,
    pageInfo: {
      hasNextPage: offset + rows.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
