import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { CertificateVerification } from './verification.type';

@Resolver(() => CertificateVerification)
export class VerificationResolver {
  @Query(() => CertificateVerification, {
    description: 'Public verification of a certificate by folio or by CURP (exactly one). Anonymous callers may use it; rate-limited per caller. The CURP is never returned in full.',
  })
  // May call the certification provider.
  @Directive('@cost(weight: 5)')
  verifyCertification(
    @Ctx() { verification }: ConocerContext,
    @Arg('folio', () => String, { nullable: true }) folio?: string,
    @Arg('curp', () => String, { nullable: true }) curp?: string,
  ): Promise<CertificateVerification> {
    return verification.verify(folio, curp);
  }
}
