import { buildAnalyticsSchema } from '@academy/analytics';
import { buildConocerSchema } from '@academy/conocer';
import { buildTenancySchema } from '@academy/tenancy';
import type { GraphQLSchema } from 'graphql';

/** The supergraph's members, with the port each listens on by default. */
export const SUBGRAPHS: { name: string; port: number; buildSchema: () => Promise<GraphQLSchema> }[] = [
  { name: 'tenancy', port: 4001, buildSchema: buildTenancySchema },
  { name: 'conocer', port: 4002, buildSchema: buildConocerSchema },
  { name: 'analytics', port: 4003, buildSchema: buildAnalyticsSchema },
];
