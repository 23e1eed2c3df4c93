import { ApiProperty } from '@nestjs/swagger';

export class PublicKeyResponse {
  @ApiProperty({ description: "the log's origin, the name in the key and in every signature line" }) origin: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm: 'Ed25519';
  @ApiProperty({
    description:
      'the verifier key in signed-note form `<origin>+<key hash>+<base64(0x01 ‖ public key)>`; save it for `npm run audit -- verify --public-key`',
  })
  verifierKey: string;
}
