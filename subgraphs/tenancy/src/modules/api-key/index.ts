export { apiKeyUsedHandler } from './api-key-used.consumer';
export { KEY_ID_PATTERN, signingSecretOf } from './api-key-secret';
export { ApiKeyEntity } from './api-key.entity';
export { API_KEY_SCOPES } from './api-key.input';
export { ApiKeyResolver } from './api-key.resolver';
export { ApiKeyService } from './api-key.service';
export { ApiKey, ApiKeyStatus } from './api-key.type';
