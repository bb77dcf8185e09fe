import type { SandboxState } from '../sandbox-state';
import { pageParams, updatedSinceParam } from './page-params';
import type { Route } from './route';

export function standardsRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/standards$/,
      access: 'bearer',
      operation: 'standards',
      handle: ({ query }) => {
        const { page, pageSize } = pageParams(query);
        const { items, total } = state.catalog.list(page, pageSize, updatedSinceParam(query));
        return { status: 200, body: { items, page, pageSize, total } };
      },
    },
  ];
}
