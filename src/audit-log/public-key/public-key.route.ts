import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { PublicKeyResponse } from './public-key.response';
import { ApiOperationFor } from '../../http';

/** The key that checks the checkpoints. Tenant-free like them: it is the same for the whole log. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/public-key')
export class PublicKeyRoute {
  constructor(private readonly signer: CheckpointSigner) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperationFor({
    summary: 'Read the signing key',
    description: 'The Ed25519 key the checkpoints are signed with, as a note verifier key.',
    answers: { status: 200, type: PublicKeyResponse, description: 'The key' },
  })
  publicKey(): PublicKeyResponse {
    return { origin: this.signer.origin, algorithm: 'Ed25519', verifierKey: this.signer.verifierKey };
  }
}
