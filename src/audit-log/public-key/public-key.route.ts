import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { PublicKeyResponse } from './public-key.response';

/** The key that checks the checkpoints. Tenant-free like them: it is the same for the whole log. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/public-key')
export class PublicKeyRoute {
  constructor(private readonly signer: CheckpointSigner) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The Ed25519 key the checkpoints are signed with' })
  @ApiOkResponse({ type: PublicKeyResponse })
  publicKey(): PublicKeyResponse {
    return { origin: this.signer.origin, algorithm: 'Ed25519', verifierKey: this.signer.verifierKey };
  }
}
