export { OpenBadgesProvider, type OpenBadgesProviderOptions } from './open-badges.provider';
export { credentialIdOf, OPEN_BADGES_CONTEXT } from './open-badges-credential';
