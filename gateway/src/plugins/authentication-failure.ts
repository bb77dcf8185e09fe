import { AppError } from '@academy/service-kit';

/**
 * Why a credential was refused, in `extensions.reason`: stable words a client can branch on
 * (refresh the token on `token_expired`, fix the clock on `clock_skew`), also used in audit events.
 */
export type AuthenticationFailureReason =
  | 'malformed_credentials'
  | 'multiple_credentials'
  | 'unsupported_scheme'
  | 'jwt_not_accepted'
  | 'malformed_token'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claim'
  | 'invalid_api_key'
  | 'api_key_revoked'
  | 'api_key_expired'
  | 'api_keys_not_accepted'
  | 'clock_skew'
  | 'nonce_replayed';

/** UNAUTHENTICATED (401) with its reason. Invalid credentials are refused, never downgraded to anonymous. */
export class AuthenticationFailure extends AppError {
  constructor(
    readonly reason: AuthenticationFailureReason,
    message: string,
  ) {
    super('UNAUTHENTICATED', message, { reason });
  }
}
