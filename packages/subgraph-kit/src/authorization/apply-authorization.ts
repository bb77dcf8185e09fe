import { AppError } from '@academy/service-kit';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, type IRules, shield } from 'graphql-shield';

/**
 * What federation itself needs: the gateway composes from `_service`, and `_entities` is guarded by
 * the rules on each entity type's fields (and by the tenant filter in the data layer).
 */
const FEDERATION_RULES = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
};

/**
 * graphql-shield with `fallbackRule: deny`: a field nobody wrote a rule for is refused, so a new
 * field is closed until someone decides who may read it. Rule errors keep their registry codes.
 */
export function applyAuthorization(schema: GraphQLSchema, rules: IRules): GraphQLSchema {
  const tree = rules as Record<string, Record<string, unknown>>;
  const merged: Record<string, unknown> = { ...tree };
  for (const [type, fields] of Object.entries(FEDERATION_RULES)) {
    merged[type] = typeof fields === 'object' && typeof tree[type] === 'object' ? { ...tree[type], ...fields } : (tree[type] ?? fields);
  }
  return applyMiddleware(
    schema,
    shield(merged as IRules, {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: () => new AppError('FORBIDDEN', 'Not authorised to access this field'),
    }),
  );
}
