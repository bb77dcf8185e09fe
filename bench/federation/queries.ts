/**
 * What the federation benchmark sends. The identical-query run sends `NESTED_QUERY` on every request
 * (in-flight deduplication can help); the mixed run cycles through `MIXED_VARIANTS`, four documents ×
 * 64 pages, so that no two requests in flight at once are the same (deduplication cannot help).
 */

const USER = 'id name username';
const PRODUCT = 'upc name price weight inStock shippingEstimate';

/**
 * users → reviews → product (products) → inventory (`@requires` price and weight) → the product's
 * reviews → their authors (accounts), and top products → reviews → authors → their reviews →
 * products: about 35 kB of JSON from a dozen subgraph fetches.
 */
export const NESTED_QUERY = /* GraphQL */ `
  query FederationNested {
    users(first: 8) {
      ${USER}
      reviews {
        id
        body
        product {
          ${PRODUCT}
          reviews { id body author { ${USER} } }
        }
      }
    }
    topProducts(first: 5) {
      ${PRODUCT}
      reviews {
        id
        body
        author {
          ${USER}
          reviews { id body product { upc name inStock } }
        }
      }
    }
  }
`;

const MIXED_DOCUMENTS = {
  /** The nested query on another page of users and products. */
  nested: /* GraphQL */ `
    query FederationNestedPage($offset: Int!) {
      users(first: 8, offset: $offset) {
        ${USER}
        reviews { id body product { ${PRODUCT} reviews { id body author { ${USER} } } } }
      }
      topProducts(first: 5, offset: $offset) {
        ${PRODUCT}
        reviews { id body author { ${USER} reviews { id body product { upc name inStock } } } }
      }
    }
  `,
  /** Users first: accounts → reviews → products → inventory. */
  users: /* GraphQL */ `
    query FederationUsers($offset: Int!) {
      users(first: 10, offset: $offset) {
        ${USER}
        birthday
        reviews { id body product { ${PRODUCT} } }
      }
    }
  `,
  /** Products first: products → inventory and reviews → accounts. */
  products: /* GraphQL */ `
    query FederationProducts($offset: Int!) {
      topProducts(first: 10, offset: $offset) {
        ${PRODUCT}
        reviews { id body author { ${USER} } }
      }
    }
  `,
  /** One user, deep: accounts → reviews → products → inventory → reviews → accounts → reviews. */
  user: /* GraphQL */ `
    query FederationUser($id: ID!) {
      user(id: $id) {
        ${USER}
        reviews {
          id
          body
          product {
            ${PRODUCT}
            reviews { id body author { ${USER} reviews { id body product { upc name price } } } }
          }
        }
      }
    }
  `,
} as const;

export const MIXED_PAGES = 64;

export interface QueryVariant {
  /** Which document, for reports. */
  kind: string;
  /** The request body (JSON). */
  body: string;
}

/** Every distinct request of the mixed run, interleaved by document, so consecutive requests differ in shape too. */
export const MIXED_VARIANTS: QueryVariant[] = Array.from({ length: MIXED_PAGES }, (_, page) => [
  { kind: 'nested', body: JSON.stringify({ query: MIXED_DOCUMENTS.nested, variables: { offset: page } }) },
  { kind: 'users', body: JSON.stringify({ query: MIXED_DOCUMENTS.users, variables: { offset: page * 10 } }) },
  { kind: 'products', body: JSON.stringify({ query: MIXED_DOCUMENTS.products, variables: { offset: page % 90 } }) },
  { kind: 'user', body: JSON.stringify({ query: MIXED_DOCUMENTS.user, variables: { id: `u${500 + page}` } }) },
]).flat();

export const NESTED_VARIANT: QueryVariant = { kind: 'nested', body: JSON.stringify({ query: NESTED_QUERY }) };
