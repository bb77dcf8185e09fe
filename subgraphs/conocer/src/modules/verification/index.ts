export { VerificationRateLimiter, verificationCallerOf } from './verification-rate-limiter';
export { VerificationResolver } from './verification.resolver';
export { type VerificationDependencies, VerificationService } from './verification.service';
export { CertificateVerification, VerifiedCertificate } from './verification.type';
