import { AppError } from '@academy/service-kit';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
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
  // graphql-middleware guards a field's `resolve` when it has one and its `subscribe` only otherwise. A
  // subscription must be refused when it opens, not on each event: the rules go on `subscribe`, and the
  // per-event `resolve` (which only maps the event) is put back afterwards.
  const eventResolvers = new Map<string, GraphQLFieldResolver<unknown, unknown>>();
  for (const [name, field] of Object.entries(schema.getSubscriptionType()?.getFields() ?? {})) {
    if (!field.resolve) continue;
    eventResolvers.set(name, field.resolve);
    field.resolve = undefined;
  }
  const guarded = applyMiddleware(
    schema,
    shield(merged as IRules, {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: () => new AppError('FORBIDDEN', 'Not authorised to access this field'),
    }),
  );
  const subscriptionFields = guarded.getSubscriptionType()?.getFields() ?? {};
  for (const [name, resolve] of eventResolvers) subscriptionFields[name].resolve = resolve;
  return guarded;
}
