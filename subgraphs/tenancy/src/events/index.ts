export { TenancyEventPublisher } from './event-publisher';
export * from './tenancy-events';
