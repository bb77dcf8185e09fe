/** Operations the suites send, as a client (or the gateway's query plan) would. */
export const LIST = `query ($filter: CompetencyStandardFilter, $first: Int, $after: String) {
  competencyStandards(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { code title level sector committee }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

export const ONE = 'query ($code: String!) { competencyStandard(code: $code) { code title level sector committee } }';

export const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on CompetencyStandard { code title } } }';

export interface StandardNode {
  code: string;
  title: string;
  level: number;
  sector: string | null;
  committee: string;
}

export interface Page {
  totalCount: number;
  nodes: StandardNode[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}
