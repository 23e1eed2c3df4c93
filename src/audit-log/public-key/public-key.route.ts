import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth';
import { CheckpointSigner } from '../signing/checkpoint-signer';

export class PublicKeyResponse {
  @ApiProperty({ description: "the log's origin, the name in the key and in every signature line" }) origin: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm: 'Ed25519';
  @ApiProperty({
    description:
      'the verifier key in signed-note form `<origin>+<key hash>+<base64(0x01 ‖ public key)>`; save it for `npm run audit -- verify --public-key`',
  })
  verifierKey: string;
}

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
