/**
 * The benchmark's data: users, products and reviews generated from their index alone, so every run
 * and every process (each subgraph builds its own copy) sees the same values without a database.
 */

export interface UserRow {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

export interface ProductRow {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

export interface ReviewRow {
  id: string;
  body: string;
  authorId: string;
  productUpc: string;
}

export const USER_COUNT = 1_000;
export const PRODUCT_COUNT = 100;
export const REVIEWS_PER_USER = 3;
/** `Product.reviews` lists at most this many (the newest), so nesting keeps responses in the tens of kilobytes. */
export const REVIEWS_PER_PRODUCT = 4;

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elena', 'Fernando', 'Gabriela', 'Héctor', 'Irene', 'Julián', 'Karla', 'Luis'];
const LAST = ['López', 'García', 'Méndez', 'Ruiz', 'Torres', 'Díaz', 'Ríos', 'Vega', 'Castro', 'Ortega', 'Navarro'];
const ADJECTIVES = ['Compact', 'Sturdy', 'Elegant', 'Portable', 'Quiet', 'Rugged', 'Smart', 'Classic', 'Bright', 'Modular'];
const NOUNS = ['Table', 'Lamp', 'Chair', 'Kettle', 'Backpack', 'Speaker', 'Notebook', 'Bicycle', 'Camera', 'Blender'];
const OPINIONS = [
  'Arrived on time and works exactly as described.',
  'Good value for the price, though the manual could be clearer.',
  'Solid build quality; I would buy it again without hesitation.',
  'Does the job, but it is noisier than I expected.',
  'My second one: the first lasted five years of daily use.',
];

export const userId = (i: number) => `u${i}`;
export const productUpc = (i: number) => `p${i}`;

export function userAt(i: number): UserRow {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i * 7) % LAST.length]!;
  return { id: userId(i), name: `${first} ${last}`, username: `${first.toLowerCase()}.${i}`, birthday: 631_152_000 + ((i * 86_400 * 37) % 946_080_000) };
}

export function productAt(i: number): ProductRow {
  return { upc: productUpc(i), name: `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i * 3) % NOUNS.length]} ${i}`, price: 199 + ((i * 7919) % 9_800), weight: 50 + ((i * 104_729) % 4_950) };
}

/** Review j (0 ≤ j < REVIEWS_PER_USER) of user i. */
function reviewAt(i: number, j: number): ReviewRow {
  const index = i * REVIEWS_PER_USER + j;
  return {
    id: `r${index}`,
    body: `${OPINIONS[index % OPINIONS.length]} (review ${index})`,
    authorId: userId(i),
    productUpc: productUpc((i * 7 + j * 13) % PRODUCT_COUNT),
  };
}

export interface BenchData {
  users: UserRow[];
  usersById: Map<string, UserRow>;
  products: ProductRow[];
  productsByUpc: Map<string, ProductRow>;
  reviewsById: Map<string, ReviewRow>;
  reviewsByAuthor: Map<string, ReviewRow[]>;
  /** The newest REVIEWS_PER_PRODUCT reviews of each product. */
  reviewsByProduct: Map<string, ReviewRow[]>;
}

export function generateData(): BenchData {
  const users = Array.from({ length: USER_COUNT }, (_, i) => userAt(i));
  const products = Array.from({ length: PRODUCT_COUNT }, (_, i) => productAt(i));
  const reviewsById = new Map<string, ReviewRow>();
  const reviewsByAuthor = new Map<string, ReviewRow[]>();
  const reviewsByProduct = new Map<string, ReviewRow[]>();
  for (let i = 0; i < USER_COUNT; i++) {
    const own: ReviewRow[] = [];
    for (let j = 0; j < REVIEWS_PER_USER; j++) {
      const review = reviewAt(i, j);
      own.push(review);
      reviewsById.set(review.id, review);
      const ofProduct = reviewsByProduct.get(review.productUpc) ?? [];
      ofProduct.unshift(review);
      if (ofProduct.length > REVIEWS_PER_PRODUCT) ofProduct.pop();
      reviewsByProduct.set(review.productUpc, ofProduct);
    }
    reviewsByAuthor.set(userId(i), own);
  }
  return {
    users,
    usersById: new Map(users.map((u) => [u.id, u])),
    products,
    productsByUpc: new Map(products.map((p) => [p.upc, p])),
    reviewsById,
    reviewsByAuthor,
    reviewsByProduct,
  };
}
