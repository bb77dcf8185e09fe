import { unsettableReason } from '@academy/service-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { TransformPlugin } from './transform-plugin';

/** Adds the plugins' response headers for the request's tenant, never replacing one already set. */
export function useResponseTransforms(plugins: readonly TransformPlugin[]): ApolloServerPlugin<GatewayContext> {
  const withHeaders = plugins.filter((plugin) => plugin.responseHeaders);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const tenant = contextValue?.tenant;
          if (!tenant) return;
          for (const plugin of withHeaders) {
            for (const [name, value] of plugin.responseHeaders!(tenant)) {
              const refused = unsettableReason(name);
              if (refused) contextValue.logger.warn({ plugin: plugin.name, header: name }, `response header skipped: ${refused}`);
              else if (!response.http.headers.has(name)) response.http.headers.set(name, value);
            }
          }
        },
      };
    },
  };
}
